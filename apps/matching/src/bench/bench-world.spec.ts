import { seededRandom } from '@brobygger/taxonomy';
import { skillKey } from '@brobygger/scoring';
import { worldTaxonomy, type TaxonomyRows } from '../eval/synthetic-world';
import { candidateDrawer, drawOpening, seededUuid } from './bench-world';

const skill = (i: number) => `skill/${String(i).padStart(3, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * Welder (12 essential, 5 optional skills) is the only occupation an opening can be built from; fitter shares
 * its ISCO unit group; cook is elsewhere. Every skill has an alternative label, and skill 30's reads as skill
 * 0's preferred label, so it may never be drawn as an unresolved text.
 */
function newTaxonomy(): TaxonomyRows {
  const links = (occupationId: string, essential: number[], optional: number[]) => [
    ...essential.map((i) => ({ occupationId, skillId: skill(i), relation: 'essential' as const })),
    ...optional.map((i) => ({ occupationId, skillId: skill(i), relation: 'optional' as const })),
  ];
  return {
    skills: range(0, 40).map((i) => ({ id: skill(i), preferredLabel: `Skill ${i}` })),
    skillLabels: range(0, 40).map((i) => ({
      skillId: skill(i),
      lang: 'en',
      kind: 'alt',
      label: i === 30 ? 'skill  0' : `other name of ${i}`,
    })),
    occupations: [
      { id: 'occupation/welder', iscoGroup: '7212' },
      { id: 'occupation/fitter', iscoGroup: '7212' },
      { id: 'occupation/cook', iscoGroup: '5120' },
    ],
    occupationSkills: [
      ...links('occupation/welder', range(0, 12), range(12, 17)),
      ...links('occupation/fitter', range(5, 10), range(17, 22)),
      ...links('occupation/cook', range(25, 31), range(31, 40)),
    ],
  };
}

const TODAY = '2026-11-21';
const WORKPLACE = { name: 'Bergen', lat: 60.39, lng: 5.32 };
const PLACES = [
  { lat: 59.91, lng: 10.75 },
  { lat: 63.43, lng: 10.39 },
];

function draw(seed: number, n: number) {
  const t = worldTaxonomy(newTaxonomy());
  const rnd = seededRandom(seed);
  const opening = drawOpening(t, rnd, {
    today: TODAY,
    workplace: WORKPLACE,
    titleOf: (id) => `title of ${id}`,
  });
  const drawer = candidateDrawer(t, opening.requirements.occupationId!, rnd, {
    today: TODAY,
    places: PLACES,
  });
  return { opening, candidates: Array.from({ length: n }, () => drawer.next()) };
}

describe('the benchmark world', () => {
  it('draws the same opening and candidates from the same seed, and others from another', () => {
    expect(draw(7, 50)).toEqual(draw(7, 50));
    expect(draw(8, 50).candidates).not.toEqual(draw(7, 50).candidates);
  });

  it("asks 8 of the welder's essential skills (the first two at level 3) and 4 optional ones, from 30 days on", () => {
    const { opening } = draw(7, 0);
    const r = opening.requirements;
    expect(r.occupationId).toBe('occupation/welder');
    expect(opening).toMatchObject({ status: 'published', version: 1, title: 'title of occupation/welder' });
    expect(opening.display).toMatchObject({ place: 'Bergen', startDate: '2026-12-21' });
    expect(r.startDate).toBe('2026-12-21');
    expect(r.workplace).toEqual({ lat: 60.39, lng: 5.32 });
    expect(r.mustHave).toHaveLength(8);
    expect(r.mustHave.map((m) => m.minLevel)).toEqual([3, 3, ...Array<undefined>(6).fill(undefined)]);
    expect(new Set(r.mustHave.map((m) => m.skillId)).size).toBe(8);
    for (const m of r.mustHave) expect(range(0, 12).map(skill)).toContain(m.skillId);
    expect(r.niceToHave).toHaveLength(4);
    for (const m of r.niceToHave) expect(range(12, 17).map(skill)).toContain(m.skillId);
    expect(r.mustHave[0].label).toBe(`Skill ${Number(r.mustHave[0].skillId!.slice(-3))}`);
  });

  it("gives candidates 4–17 distinct skills, and unresolved texts that never read as a skill's preferred label", () => {
    const { candidates } = draw(7, 2_000);
    const preferred = new Set(range(0, 40).map((i) => skillKey(`Skill ${i}`)));
    let unresolved = 0;
    for (const { features } of candidates) {
      const ids = features.skills.flatMap((s) => (s.skillId ? [s.skillId] : []));
      expect(new Set(ids).size).toBe(ids.length);
      expect(features.skills.length).toBeGreaterThanOrEqual(4);
      expect(features.skills.length).toBeLessThanOrEqual(17);
      for (const s of features.skills.filter((k) => k.skillId === null)) {
        unresolved++;
        expect(preferred.has(skillKey(s.label))).toBe(false);
      }
    }
    // About 5% of some 20,000 skills: the path is taken, not just allowed.
    expect(unresolved).toBeGreaterThan(200);
  });

  it('makes version 4 UUIDs', () => {
    const rnd = seededRandom(1);
    for (let i = 0; i < 100; i++) {
      expect(seededUuid(rnd)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });
});
