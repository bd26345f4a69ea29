import { scoreMatch } from './score';

describe('scoreMatch', () => {
  it('a candidate with every must-have and half the nice-to-haves scores 85', () => {
    const r = scoreMatch(
      { skills: [{ label: 'Welding' }, { label: 'forklift  driving' }] },
      { mustHaveSkills: ['welding'], niceToHaveSkills: ['Forklift driving', 'first aid'] },
    );
    expect(r.score).toBe(85);
    expect(r.explanation.parts.map((p) => [p.factor, p.points, p.maxPoints])).toEqual([
      ['must-have skills', 70, 70],
      ['nice-to-have skills', 15, 30],
    ]);
    expect(r.explanation.matchedSkills).toEqual(['welding', 'forklift driving']);
    expect(r.explanation.missingMustHaves).toEqual([]);
  });

  it('with no nice-to-haves, one of three must-haves is a third of 100 points', () => {
    const r = scoreMatch(
      { skills: [{ label: 'cooking' }] },
      { mustHaveSkills: ['cooking', 'food hygiene', 'baking'], niceToHaveSkills: [] },
    );
    expect(r.score).toBe(33.3);
    expect(r.explanation.missingMustHaves).toEqual(['food hygiene', 'baking']);
  });

  it('parts always add up to the score', () => {
    const r = scoreMatch(
      { skills: [{ label: 'a' }, { label: 'c' }, { label: 'e' }] },
      { mustHaveSkills: ['a', 'b', 'c'], niceToHaveSkills: ['d', 'e', 'f', 'g'] },
    );
    const sum = r.explanation.parts.reduce((s, p) => s + p.points, 0);
    expect(r.score).toBeCloseTo(sum, 5);
    expect(r.score).toBe(54.2);
  });

  it('an opening with no skills gives no points and no parts', () => {
    expect(scoreMatch({ skills: [{ label: 'x' }] }, { mustHaveSkills: [], niceToHaveSkills: [] })).toEqual({
      score: 0,
      explanation: { parts: [], matchedSkills: [], missingMustHaves: [] },
    });
  });

  it('records nothing that is not in the input type (personal fields cannot leak in)', () => {
    const base = { skills: [{ label: 'welding' }] };
    const withExtras = { ...base, fullName: 'X', nationality: 'SY', gender: 'f', age: 40 } as typeof base;
    const o = { mustHaveSkills: ['welding'], niceToHaveSkills: [] };
    expect(scoreMatch(withExtras, o)).toEqual(scoreMatch(base, o));
  });
});
