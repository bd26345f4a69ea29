import { scoreMatch } from '@brobygger/scoring';
import { rankCandidates, requiredSkillProximity } from './our-ranking';
import { candidateFeatures, EVAL_TODAY, openingRequirements } from './synthetic-world';

const preferred = new Map(['a', 'b', 'c', 'd', 'x', 'y'].map((s) => [`skill/${s}`, `skill ${s}`]));
const byLabel = (text: string) => {
  const id = `skill/${text}`;
  return preferred.has(id) ? { skillId: id, label: preferred.get(id)! } : undefined;
};

/** A candidate of the eval's world: everything but skills and occupation is the same for all. */
function newCandidate(id: string, skills: string[], occupationId = 'o/other') {
  return {
    id,
    features: candidateFeatures(
      { id, occupationId, role: 'background', skillIds: skills.map((s) => `skill/${s}`) },
      preferred,
    ),
  };
}

// d is close to b (0.8: b is its broader skill); x is close to nothing asked.
const neighbours = [
  { skillId: 'skill/b', other: 'skill/d', score: 0.8, reason: 'narrower' as const },
  { skillId: 'skill/d', other: 'skill/b', score: 0.8, reason: 'broader' as const },
  { skillId: 'skill/y', other: 'skill/x', score: 0.7, reason: 'related' as const },
];

describe('requiredSkillProximity', () => {
  it('answers for the required skills only, as the matching service asks for them', () => {
    const p = requiredSkillProximity(neighbours, new Set(['skill/b']));
    expect(p.closeness('skill/b', 'skill/d')).toEqual({ score: 0.8, reason: 'narrower' });
    expect(p.closeness('skill/y', 'skill/x')).toBeUndefined();
    expect(p.closeness('skill/d', 'skill/b')).toBeUndefined();
  });
});

describe('rankCandidates', () => {
  const opening = openingRequirements(['a', 'b', 'c'], byLabel);
  const candidates = [
    newCandidate('c0', ['x']),
    newCandidate('c1', ['a', 'd']),
    newCandidate('c2', ['a', 'b', 'c']),
    newCandidate('c3', ['a']),
  ];

  it('ranks by skills asked: all of them first, and a near miss above nothing with proximity', () => {
    const proximity = requiredSkillProximity(neighbours, new Set(['skill/a', 'skill/b', 'skill/c']));
    expect(rankCandidates(opening, candidates, { today: EVAL_TODAY, proximity })).toEqual([
      'c2',
      'c1',
      'c3',
      'c0',
    ]);
  });

  it('ties a near miss with no skill at all without proximity, and breaks the tie by id', () => {
    expect(rankCandidates(opening, candidates, { today: EVAL_TODAY })).toEqual(['c2', 'c1', 'c3', 'c0']);
    const [c1, c3] = [candidates[1], candidates[3]].map(
      (c) => scoreMatch(c.features, opening, { today: EVAL_TODAY }).score,
    );
    expect(c1).toBe(c3);
  });

  it('scores equal skills equally whatever the occupation, unless the opening names its occupation', () => {
    const welder = newCandidate('c8', ['a', 'b'], 'o/welder');
    const cook = newCandidate('c9', ['a', 'b'], 'o/cook');
    // No occupation and no nice-to-haves: those shares go to the rest, so must-haves are worth 52.9 of 100.
    // 2 of 3 gives 35.3, plus 47.1 that every candidate here gets (language, distance, availability, hours, type).
    for (const c of [welder, cook]) {
      expect(scoreMatch(c.features, opening, { today: EVAL_TODAY }).score).toBe(82.4);
    }
    const named = openingRequirements(['a', 'b', 'c'], byLabel, 'o/welder');
    expect(rankCandidates(named, [cook, welder], { today: EVAL_TODAY })).toEqual(['c8', 'c9']);
  });
});
