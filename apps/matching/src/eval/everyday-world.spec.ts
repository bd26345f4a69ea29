import { seededRandom, type EverydayItem } from '@brobygger/taxonomy';
import { drawEverydayWorld, type EverydayWorldOptions } from './everyday-world';
import { worldTaxonomy, type TaxonomyRows } from './synthetic-world';

/**
 * Cleaners (two siblings in ISCO 9112) whose essential skills have everyday words, a cook in 5120 with words
 * but no sibling, and a welder in 7212 with a sibling but only one word: only the cleaners can be openings.
 */
const rows: TaxonomyRows = {
  skills: ['floors', 'toilets', 'windows', 'chemicals', 'knives', 'weld', 'grind'].map((id) => ({
    id,
    preferredLabel: id,
  })),
  skillLabels: [],
  occupations: [
    { id: 'o/office-cleaner', iscoGroup: '9112' },
    { id: 'o/home-cleaner', iscoGroup: '9112' },
    { id: 'o/cook', iscoGroup: '5120' },
    { id: 'o/welder', iscoGroup: '7212' },
    { id: 'o/grinder', iscoGroup: '7212' },
  ],
  occupationSkills: [
    ...['floors', 'toilets', 'windows', 'chemicals'].map((skillId) => ({
      occupationId: 'o/office-cleaner',
      skillId,
      relation: 'essential' as const,
    })),
    ...['floors', 'toilets', 'windows'].map((skillId) => ({
      occupationId: 'o/home-cleaner',
      skillId,
      relation: 'essential' as const,
    })),
    ...['knives', 'chemicals', 'floors'].map((skillId) => ({
      occupationId: 'o/cook',
      skillId,
      relation: 'essential' as const,
    })),
    { occupationId: 'o/welder', skillId: 'weld', relation: 'essential' },
    { occupationId: 'o/welder', skillId: 'grind', relation: 'essential' },
    { occupationId: 'o/grinder', skillId: 'grind', relation: 'essential' },
  ],
};

const item = (lang: 'nb' | 'en', text: string, accepted: string[]): EverydayItem => ({
  split: 'dev',
  lang,
  text,
  accepted,
  misspelt: false,
});
const items: EverydayItem[] = [
  item('nb', 'vaske gulv', ['floors']),
  item('en', 'floor mopping', ['floors']),
  item('nb', 'vaske toaletter', ['toilets']),
  item('en', 'toilet cleaning', ['toilets']),
  item('nb', 'vindusvask', ['windows']),
  item('en', 'window washing', ['windows']),
  // one word for two skills
  item('nb', 'rengjøringsmidler', ['chemicals', 'toilets']),
  item('en', 'cleaning chemicals', ['chemicals', 'toilets']),
  item('nb', 'kniver', ['knives']),
  item('en', 'knife skills', ['knives']),
  item('nb', 'MAG-sveis', ['weld']),
  item('en', 'MAG welding', ['weld']),
];
const OPTIONS: EverydayWorldOptions = {
  count: 10,
  minWords: 3,
  maxMustHaves: 3,
  rightPerOpening: [2, 2],
  siblingsPerOpening: 2,
  background: 5,
  keepShare: [1, 1],
  extraSkills: [0, 0],
};
const t = worldTaxonomy(rows);
const draw = (seed = 7) => drawEverydayWorld(t, items, seededRandom(seed), OPTIONS);
const wordOf = new Map(items.map((i) => [i.text, i]));

describe('drawEverydayWorld', () => {
  it('makes openings only of occupations with enough everyday words and a sibling', () => {
    expect(draw().openings.map((o) => o.occupationId)).toEqual(['o/home-cleaner', 'o/office-cleaner']);
  });

  it("asks each opening's must-haves as distinct words of its language, each typed for an essential skill", () => {
    for (const o of draw().openings) {
      const essential = t.essential.get(o.occupationId)!;
      expect(o.mustHaves.length).toBeGreaterThanOrEqual(1);
      expect(o.mustHaves.length).toBeLessThanOrEqual(OPTIONS.maxMustHaves);
      expect(new Set(o.mustHaves.map((w) => w.text)).size).toBe(o.mustHaves.length);
      for (const w of o.mustHaves) {
        expect(wordOf.get(w.text)).toMatchObject({ lang: o.lang });
        expect(wordOf.get(w.text)!.accepted).toContain(w.skillId);
        expect(essential).toContain(w.skillId);
      }
    }
  });

  it('types a candidate skill as a word of their language that stands for it, and leaves wordless skills out', () => {
    const { candidates, openings } = draw();
    for (const o of openings)
      expect(candidates.filter((c) => c.occupationId === o.occupationId && c.role === 'right')).toHaveLength(
        2,
      );
    for (const c of candidates) {
      for (const w of c.words) {
        expect(wordOf.get(w.text)).toMatchObject({ lang: c.lang });
        expect(c.skillIds).toContain(w.skillId);
      }
    }
    // The welders' "grind" has no word: a grinder types nothing.
    const grinders = candidates.filter((c) => c.occupationId === 'o/grinder');
    for (const g of grinders) expect(g.words).toEqual([]);
  });

  it('draws at most `count` openings', () => {
    expect(drawEverydayWorld(t, items, seededRandom(7), { ...OPTIONS, count: 1 }).openings).toHaveLength(1);
  });

  it('draws the same world from the same seed', () => {
    expect(draw(3)).toEqual(draw(3));
  });
});
