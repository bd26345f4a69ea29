import { seededRandom } from '@brobygger/taxonomy';
import {
  candidateFeatures,
  drawCandidates,
  drawOpenings,
  openingRequirements,
  worldTaxonomy,
  type CandidateOptions,
  type OpeningOptions,
  type TaxonomyRows,
} from './synthetic-world';

/**
 * Three welding occupations in ISCO 7212 (siblings), a cook alone in 5120, and a pilot alone in 3153 with
 * plenty of skills: without a sibling it can never be an opening. Skill `s<n>` is called "skill n", with
 * alternative labels "alt n a" and "alt n b" for odd n only.
 */
function newTaxonomyRows(overrides: Partial<TaxonomyRows> = {}): TaxonomyRows {
  const skills = Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, preferredLabel: `skill ${i}` }));
  const links = (occupationId: string, essential: number[], optional: number[]) => [
    ...essential.map((n) => ({ occupationId, skillId: `s${n}`, relation: 'essential' as const })),
    ...optional.map((n) => ({ occupationId, skillId: `s${n}`, relation: 'optional' as const })),
  ];
  return {
    skills,
    skillLabels: [
      ...skills.map((s) => ({ skillId: s.id, lang: 'en', kind: 'preferred', label: s.preferredLabel })),
      ...skills
        .filter((_, i) => i % 2 === 1)
        .flatMap((s, i) => [
          { skillId: s.id, lang: 'en', kind: 'alt', label: `alt ${2 * i + 1} a` },
          { skillId: s.id, lang: 'en', kind: 'alt', label: `alt ${2 * i + 1} b` },
        ]),
      // Neither of these may be typed: one is the preferred label re-cased, one is not English.
      { skillId: 's0', lang: 'en', kind: 'alt', label: 'Skill  0' },
      { skillId: 's0', lang: 'nb', kind: 'alt', label: 'ferdighet 0' },
    ],
    occupations: [
      { id: 'o/welder', iscoGroup: '7212' },
      { id: 'o/pipe-welder', iscoGroup: '7212' },
      { id: 'o/cutter', iscoGroup: '7212' },
      { id: 'o/cook', iscoGroup: '5120' },
      { id: 'o/pilot', iscoGroup: '3153' },
    ],
    occupationSkills: [
      ...links('o/welder', [0, 1, 2, 3, 4, 5], [6, 7]),
      ...links('o/pipe-welder', [0, 1, 2, 3, 8, 9], [4]),
      ...links('o/cutter', [0, 1, 10], [11]),
      ...links('o/cook', [12, 13, 14, 15, 16], []),
      ...links('o/pilot', [12, 13, 14, 15, 16, 17, 18, 19], []),
    ],
    ...overrides,
  };
}

const OPENINGS: OpeningOptions = { count: 10, minEssential: 5, maxMustHaves: 4, typoShare: 0 };
const CANDIDATES: CandidateOptions = {
  rightPerOpening: [3, 5],
  siblingsPerOpening: 6,
  background: 20,
  keepShare: [0.4, 0.8],
  extraSkills: [0, 3],
};

describe('worldTaxonomy', () => {
  it('keeps English alternative labels that are more than the preferred label re-cased', () => {
    const t = worldTaxonomy(newTaxonomyRows());
    expect(t.alts.get('s0')).toBeUndefined();
    expect(t.alts.get('s1')).toEqual(['alt 1 a', 'alt 1 b']);
    expect(t.byIscoGroup.get('7212')).toEqual(['o/cutter', 'o/pipe-welder', 'o/welder']);
  });
});

describe('drawOpenings', () => {
  const t = worldTaxonomy(newTaxonomyRows());

  it('draws only occupations with enough essential skills and a sibling in their ISCO group', () => {
    // The cutter has 3 essential skills; the cook and the pilot have no sibling.
    const openings = drawOpenings(t, seededRandom(1), OPENINGS);
    expect(openings.map((o) => o.occupationId).sort()).toEqual(['o/pipe-welder', 'o/welder']);
  });

  it('asks for at most maxMustHaves essential skills, typed as an alternative label or else the preferred one', () => {
    for (const o of drawOpenings(t, seededRandom(2), OPENINGS)) {
      expect(o.skills).toHaveLength(4);
      for (const s of o.skills) {
        expect(t.essential.get(o.occupationId)).toContain(s.skillId);
        const n = s.skillId.slice(1);
        expect(Number(n) % 2 === 1 ? [`alt ${n} a`, `alt ${n} b`] : [`skill ${n}`]).toContain(s.clean);
        expect(s.typed).toBe(s.clean);
      }
    }
  });

  it('gives every text a typo at typo share 1, and keeps the clean spelling beside it', () => {
    const openings = drawOpenings(t, seededRandom(3), { ...OPENINGS, typoShare: 1 });
    for (const s of openings.flatMap((o) => o.skills)) expect(s.typed).not.toBe(s.clean);
  });

  it('draws the same openings from the same seed', () => {
    expect(drawOpenings(t, seededRandom(4), OPENINGS)).toEqual(drawOpenings(t, seededRandom(4), OPENINGS));
  });
});

describe('drawCandidates', () => {
  const t = worldTaxonomy(newTaxonomyRows());
  const openings = drawOpenings(t, seededRandom(5), OPENINGS).filter((o) => o.occupationId === 'o/welder');
  const candidates = drawCandidates(t, openings, seededRandom(6), CANDIDATES);

  it('makes 3–5 right candidates per opening, from its occupation', () => {
    const right = candidates.filter((c) => c.role === 'right');
    expect(right.length).toBeGreaterThanOrEqual(3);
    expect(right.length).toBeLessThanOrEqual(5);
    for (const c of right) expect(c.occupationId).toBe('o/welder');
  });

  it('draws distractors from the other occupations of the ISCO group, and background from the rest', () => {
    const siblings = candidates.filter((c) => c.role === 'sibling');
    expect(siblings).toHaveLength(6);
    for (const c of siblings) expect(['o/pipe-welder', 'o/cutter']).toContain(c.occupationId);
    const background = candidates.filter((c) => c.role === 'background');
    expect(background).toHaveLength(20);
    for (const c of background) expect(c.occupationId).not.toBe('o/welder');
  });

  it("gives each a part of their occupation's skills plus at most 3 from anywhere", () => {
    for (const c of candidates) {
      const own = [...(t.essential.get(c.occupationId) ?? []), ...(t.optional.get(c.occupationId) ?? [])];
      expect(c.skillIds.filter((id) => own.includes(id)).length).toBeGreaterThanOrEqual(1);
      expect(c.skillIds.filter((id) => !own.includes(id)).length).toBeLessThanOrEqual(3);
      expect(new Set(c.skillIds).size).toBe(c.skillIds.length);
    }
  });

  it('numbers the candidates after shuffling them, so ids do not follow roles', () => {
    expect(new Set(candidates.map((c) => c.id)).size).toBe(candidates.length);
    const byId = [...candidates].sort((a, b) => a.id.localeCompare(b.id)).map((c) => c.role);
    const made = [...byId].sort(
      (a, b) => ['right', 'sibling', 'background'].indexOf(a) - ['right', 'sibling', 'background'].indexOf(b),
    );
    expect(byId).not.toEqual(made);
  });

  it('makes the same candidates from the same seed', () => {
    expect(drawCandidates(t, openings, seededRandom(6), CANDIDATES)).toEqual(candidates);
  });
});

describe('openingRequirements', () => {
  const resolve = (text: string) =>
    ({ 'alt 1 a': { skillId: 's1', label: 'skill 1' }, 'alt 1 b': { skillId: 's1', label: 'skill 1' } })[
      text
    ];

  it('stores what resolved by id and preferred label, the rest as typed, one requirement per skill', () => {
    const o = openingRequirements(['alt 1 a', 'welidng', 'alt 1 b'], resolve);
    expect(o.mustHave).toEqual([
      { skillId: 's1', label: 'skill 1' },
      { skillId: null, label: 'welidng' },
    ]);
    expect(o.occupationId).toBeUndefined();
    expect(o.niceToHave).toEqual([]);
  });

  it('names the occupation only when asked to', () => {
    expect(openingRequirements(['alt 1 a'], resolve, 'o/welder').occupationId).toBe('o/welder');
  });
});

describe('candidateFeatures', () => {
  it('gives skills as ids with preferred labels and the occupation as experience', () => {
    const t = worldTaxonomy(newTaxonomyRows());
    const f = candidateFeatures(
      { id: 'c1', occupationId: 'o/cook', role: 'background', skillIds: ['s12', 's3'] },
      t.preferred,
    );
    expect(f.skills).toEqual([
      { skillId: 's12', label: 'skill 12' },
      { skillId: 's3', label: 'skill 3' },
    ]);
    expect(f.experienceOccupationIds).toEqual(['o/cook']);
    expect(f.wishedOccupationIds).toEqual([]);
  });
});
