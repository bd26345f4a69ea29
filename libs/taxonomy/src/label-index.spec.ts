import { LabelIndex, REUSE_LEVEL_PRIOR, priorMap, type LabelEntry, type LabelKind } from './label-index';

// A slice of ESCO-like skills: the ones the scenarios are about, plus distractors that share words with
// them ("operate", "food", "equipment", "think", "problem", "driving").
const CONCEPTS: Array<[id: string, preferred: string, alt?: string[], hidden?: string[]]> = [
  ['skill/weld', 'use welding equipment', ['MIG welding', 'operate welding equipment'], ['welding']],
  ['skill/cook', 'prepare food', ['cooking']],
  ['skill/hygiene', 'food safety and hygiene', ['food hygiene']],
  ['skill/forklift', 'operate forklift', ['forklift driving']],
  ['skill/analyse', 'think analytically'],
  ['skill/solve', 'solve problems', ['problem solving']],
  ['skill/music-staff', 'manage musical staff', ['manage staff of music', 'direct musical staff']],
  ['skill/postgres', 'PostgreSQL'],
  ['skill/clean', 'clean rooms', ['cleaning']],
  ['skill/bus', 'drive buses', ['bus driving']],
  ['skill/solder', 'use soldering equipment', ['soldering']],
  ['skill/crane', 'operate crane', ['crane operation']],
  ['skill/food-storage', 'store food', ['food storage']],
  ['skill/first-aid', 'apply first aid', ['first aid']],
  ['skill/english', 'English'],
  ['skill/teamwork', 'work in teams', ['teamwork']],
  ['skill/customers', 'assist customers', ['customer service']],
  ['skill/analyse-data', 'analyse data', ['data analysis']],
  ['skill/manage-staff', 'manage staff'],
  ['skill/maintain-equipment', 'maintain equipment', ['equipment maintenance']],
  ['skill/report-problems', 'report problems'],
  ['skill/creative', 'think creatively'],
  ['skill/critical', 'think critically', ['critical thinking']],
  ['skill/workplace-safety', 'ensure workplace safety'],
  ['skill/lift', 'lift heavy weights'],
  ['skill/drive', 'drive vehicles', ['driving']],
  ['skill/persuade', 'present arguments persuasively'],
  ['skill/document', 'provide documentation'],
  ['skill/programming', 'computer programming', ['programming']],
  ['skill/teach-languages', 'teach languages'],
  ['skill/packaging', 'operate packaging machine'],
  ['skill/cash-register', 'operate cash register', ['operate till']],
  ['skill/lathe', 'operate lathe'],
  ['skill/food-waste', 'manage food waste'],
  ['skill/serve-food', 'serve food'],
];

const entry = (conceptId: string, label: string, kind: LabelKind): LabelEntry => ({
  conceptId,
  label,
  kind,
  lang: 'en',
});

function entriesOf(concepts: typeof CONCEPTS): LabelEntry[] {
  return concepts.flatMap(([conceptId, preferred, alt = [], hidden = []]) => [
    entry(conceptId, preferred, 'preferred'),
    ...alt.map((label) => entry(conceptId, label, 'alt')),
    ...hidden.map((label) => entry(conceptId, label, 'hidden')),
  ]);
}

const ENTRIES = entriesOf(CONCEPTS);
const index = new LabelIndex(ENTRIES);

const ids = (results: Array<{ conceptId: string }>) => results.map((r) => r.conceptId);

describe('LabelIndex basics', () => {
  it('size counts label entries', () => {
    expect(index.size).toBe(ENTRIES.length);
    expect(index.size).toBe(58);
  });

  it('labelsOf lists a concept’s labels, preferred first, then alt, then hidden', () => {
    expect(index.labelsOf('skill/weld')).toEqual([
      { label: 'use welding equipment', kind: 'preferred', lang: 'en' },
      { label: 'MIG welding', kind: 'alt', lang: 'en' },
      { label: 'operate welding equipment', kind: 'alt', lang: 'en' },
      { label: 'welding', kind: 'hidden', lang: 'en' },
    ]);
    expect(index.labelsOf('skill/unknown')).toEqual([]);
  });

  it('labelsOf puts the preferred label first even when it was given last', () => {
    const shuffled = new LabelIndex([
      { conceptId: 'c', label: 'hidden one', kind: 'hidden', lang: 'en' },
      { conceptId: 'c', label: 'alt one', kind: 'alt', lang: 'en' },
      { conceptId: 'c', label: 'the name', kind: 'preferred', lang: 'en' },
    ]);
    expect(shuffled.labelsOf('c').map((l) => l.kind)).toEqual(['preferred', 'alt', 'hidden']);
  });

  it('an empty index answers every query with nothing', () => {
    const empty = new LabelIndex([]);
    expect(empty.size).toBe(0);
    expect(empty.exact('welding')).toEqual([]);
    expect(empty.lookup('welding')).toEqual([]);
    expect(empty.extract('MIG welding')).toEqual([]);
  });
});

describe('LabelIndex.exact', () => {
  it('finds an alt label regardless of case and punctuation', () => {
    expect(index.exact('mig-Welding')).toEqual([
      { conceptId: 'skill/weld', label: 'MIG welding', kind: 'alt' },
    ]);
  });

  it('lists preferred, then alt, then hidden matches of a shared label', () => {
    const shared = new LabelIndex([
      { conceptId: 'skill/b', label: 'Welding', kind: 'hidden', lang: 'en' },
      { conceptId: 'skill/c', label: 'welding', kind: 'alt', lang: 'en' },
      { conceptId: 'skill/a', label: 'welding', kind: 'preferred', lang: 'en' },
    ]);
    expect(shared.exact('WELDING')).toEqual([
      { conceptId: 'skill/a', label: 'welding', kind: 'preferred' },
      { conceptId: 'skill/c', label: 'welding', kind: 'alt' },
      { conceptId: 'skill/b', label: 'Welding', kind: 'hidden' },
    ]);
  });

  it('finds nothing for a partial label', () => {
    expect(index.exact('welding equipment')).toEqual([]);
  });
});

describe('LabelIndex.lookup', () => {
  it('an exact alt label resolves with confidence 1', () => {
    expect(index.lookup('MIG welding')[0]).toEqual({
      conceptId: 'skill/weld',
      label: 'MIG welding',
      kind: 'alt',
      confidence: 1,
    });
  });

  it('an exact hidden label resolves with confidence 0.95', () => {
    expect(index.lookup('Welding')[0]).toEqual({
      conceptId: 'skill/weld',
      label: 'welding',
      kind: 'hidden',
      confidence: 0.95,
    });
  });

  it('a typo in a two-word label resolves to its concept at rank 1 with confidence ≥ 0.6', () => {
    const [first] = index.lookup('weldng equipment');
    expect(first.conceptId).toBe('skill/weld');
    expect(first.label).toBe('use welding equipment');
    expect(first.confidence).toBeGreaterThanOrEqual(0.6);
    expect(first.confidence).toBeLessThan(1);
  });

  it('a transposition typo resolves to its concept at rank 1 with confidence ≥ 0.6', () => {
    const [first, second] = index.lookup('forklfit driving');
    expect(first).toMatchObject({ conceptId: 'skill/forklift', label: 'forklift driving', kind: 'alt' });
    expect(first.confidence).toBeGreaterThanOrEqual(0.6);
    expect(second.confidence).toBeLessThan(first.confidence);
  });

  it('an unseen variant of a label resolves to its concept', () => {
    const [first, second] = index.lookup('manage music staff');
    expect(first).toMatchObject({ conceptId: 'skill/music-staff', label: 'manage musical staff' });
    expect(first.confidence).toBeGreaterThanOrEqual(0.9);
    expect(second.conceptId).toBe('skill/manage-staff');
  });

  it('an inflected or truncated word resolves: "cook" → cooking, "cleanin" → cleaning', () => {
    expect(index.lookup('cook')[0]).toMatchObject({ conceptId: 'skill/cook', label: 'cooking' });
    expect(index.lookup('cleanin')[0]).toMatchObject({ conceptId: 'skill/clean', label: 'cleaning' });
    expect(index.lookup('cook')[0].confidence).toBeGreaterThanOrEqual(0.6);
  });

  it.each([['xyzzy qwerty'], ['banana spaceship'], ['asdf ghjk']])(
    'unknown text %j gives nothing ≥ 0.5',
    (text) => {
      for (const r of index.lookup(text, 10)) expect(r.confidence).toBeLessThan(0.5);
    },
  );

  it('with exactSuffices, answers an exact label alone, without the fuzzy runners-up', () => {
    expect(ids(index.lookup('operate welding equipment', 4, { exactSuffices: true }))).toEqual([
      'skill/weld',
    ]);
    expect(index.lookup('operate weldng equipment', 4, { exactSuffices: true }).length).toBeGreaterThan(1);
  });

  it('gives one result per concept, at most k, sorted by confidence', () => {
    const results = index.lookup('operate welding equipment', 4);
    expect(results).toHaveLength(4);
    expect(new Set(ids(results)).size).toBe(4);
    expect(results[0]).toEqual({
      conceptId: 'skill/weld',
      label: 'operate welding equipment',
      kind: 'alt',
      confidence: 1,
    });
    for (let i = 1; i < results.length; i++) {
      expect(results[i].confidence).toBeLessThanOrEqual(results[i - 1].confidence);
    }
  });

  it('breaks ties by concept id and returns the same answer every time', () => {
    const twins = new LabelIndex([
      { conceptId: 'skill/z', label: 'crane operation', kind: 'preferred', lang: 'en' },
      { conceptId: 'skill/a', label: 'crane operation', kind: 'preferred', lang: 'en' },
    ]);
    expect(ids(twins.lookup('crane operaton'))).toEqual(['skill/a', 'skill/z']);
    expect(twins.lookup('crane operaton')).toEqual(twins.lookup('crane operaton'));
  });

  it('a prior breaks what the text cannot decide', () => {
    const entries: LabelEntry[] = [
      { conceptId: 'skill/a', label: 'crane operation', kind: 'preferred', lang: 'en' },
      { conceptId: 'skill/z', label: 'crane operation', kind: 'preferred', lang: 'en' },
    ];
    const withPrior = new LabelIndex(
      entries,
      priorMap([
        { conceptId: 'skill/a', prior: REUSE_LEVEL_PRIOR['occupation-specific'] },
        { conceptId: 'skill/z', prior: REUSE_LEVEL_PRIOR.transversal },
      ]),
    );
    const [first, second] = withPrior.lookup('crane operaton');
    expect(first.conceptId).toBe('skill/z');
    // 4 % at most between the lowest and highest prior: 0.25 costs 3 %.
    expect(second.confidence).toBeCloseTo(first.confidence * 0.97, 3);
  });

  it('prefers a preferred label over an alt label of another concept that matches as well', () => {
    const kinds = new LabelIndex([
      { conceptId: 'skill/a', label: 'crane operation', kind: 'alt', lang: 'en' },
      { conceptId: 'skill/b', label: 'crane operation', kind: 'preferred', lang: 'en' },
    ]);
    expect(ids(kinds.lookup('crane operaton'))).toEqual(['skill/b', 'skill/a']);
  });

  it('works for Norwegian and Arabic occupation names', () => {
    const occupations = new LabelIndex([
      { conceptId: 'occupation/bus', label: 'bussjåfør', kind: 'preferred', lang: 'nb' },
      { conceptId: 'occupation/bus', label: 'bus driver', kind: 'preferred', lang: 'en' },
      { conceptId: 'occupation/bus', label: 'سائق حافلة', kind: 'preferred', lang: 'ar' },
      { conceptId: 'occupation/press', label: 'maskinoperatør, stansing', kind: 'preferred', lang: 'nb' },
    ]);
    expect(occupations.lookup('Bussjafor')[0]).toMatchObject({ conceptId: 'occupation/bus', confidence: 1 });
    expect(occupations.lookup('bussjåfor')[0]).toMatchObject({ conceptId: 'occupation/bus', confidence: 1 });
    expect(occupations.lookup('سَائِق حافلة')[0]).toMatchObject({ conceptId: 'occupation/bus', confidence: 1 });
    const [press] = occupations.lookup('maskinoperator stansng');
    expect(press.conceptId).toBe('occupation/press');
    expect(press.confidence).toBeGreaterThanOrEqual(0.6);
    expect(occupations.labelsOf('occupation/bus').map((l) => l.lang)).toEqual(['nb', 'en', 'ar']);
  });

  it('gives nothing for empty text or k = 0', () => {
    expect(index.lookup('  ')).toEqual([]);
    expect(index.lookup('welding', 0)).toEqual([]);
  });
});

describe('LabelIndex.extract', () => {
  const paragraph = 'Experience with MIG welding and forklift; food hygiene certificate is a plus';

  it('finds welding, food hygiene and forklift in a job-ad sentence, in that order', () => {
    const results = index.extract(paragraph, { minConfidence: 0 });
    expect(ids(results).slice(0, 3)).toEqual(['skill/weld', 'skill/hygiene', 'skill/forklift']);
    expect(results.slice(0, 3).map((r) => r.matched)).toEqual(['mig welding', 'food hygiene', 'forklift']);
    expect(results.slice(0, 3).map((r) => r.label)).toEqual([
      'MIG welding',
      'food hygiene',
      'operate forklift',
    ]);
  });

  it('by default keeps the whole-label phrases and drops the weaker single-word hits', () => {
    // "forklift" alone covers only part of "operate forklift"; in the full ESCO index the rarity of the
    // word lifts it above the default threshold, in this small index it stays below.
    expect(ids(index.extract(paragraph))).toEqual(['skill/weld', 'skill/hygiene']);
  });

  it('"analytical and problem-solving skills" gives solve problems and think analytically in the top 3', () => {
    const results = index.extract(
      'Problem analysis & judgement: Good analytical and problem-solving skills',
      {
        minConfidence: 0.1,
      },
    );
    expect(results[0]).toMatchObject({ conceptId: 'skill/solve', matched: 'problem solving' });
    expect(ids(results).slice(0, 3)).toContain('skill/analyse');
    expect(results.find((r) => r.conceptId === 'skill/analyse')?.matched).toBe('analytical');
  });

  it('a paraphrase with an inflected word is found through its stem: "programming languages"', () => {
    expect(index.extract('Experience in one or more major programming languages')[0]).toMatchObject({
      conceptId: 'skill/programming',
      matched: 'programming',
    });
  });

  it('a word sharing a long prefix with a label word counts for something: "persuade" → "persuasively"', () => {
    const [first] = index.extract('Ability to persuade others', { minConfidence: 0 });
    expect(first).toMatchObject({ conceptId: 'skill/persuade', matched: 'persuade' });
  });

  it('scores a whole label found as a phrase above the same words scattered', () => {
    const phrase = index.extract('food hygiene', { minConfidence: 0 })[0];
    const scattered = index.extract('hygiene of the food', { minConfidence: 0 })[0];
    expect(phrase.conceptId).toBe('skill/hygiene');
    expect(scattered.conceptId).toBe('skill/hygiene');
    expect(phrase.confidence).toBeGreaterThan(scattered.confidence);
  });

  it('does not join words across sentences', () => {
    const together = index.extract('Food hygiene is key.', { minConfidence: 0 })[0];
    const apart = index.extract('Food is key. Hygiene too.', { minConfidence: 0 })[0];
    expect(together.conceptId).toBe('skill/hygiene');
    expect(apart.confidence).toBeLessThan(together.confidence);
  });

  it('finds nothing in text about no skill', () => {
    expect(index.extract('We offer a nice office with a view of the fjord', { minConfidence: 0 })).toEqual(
      [],
    );
    expect(index.extract('')).toEqual([]);
  });

  it('honours limit and minConfidence, and sorts by confidence', () => {
    const all = index.extract('Cooking and cleaning. Driving licence required. First aid and teamwork.', {
      minConfidence: 0,
      limit: 100,
    });
    expect(all.length).toBeGreaterThan(3);
    for (let i = 1; i < all.length; i++) expect(all[i].confidence).toBeLessThanOrEqual(all[i - 1].confidence);
    expect(
      index.extract('Cooking and cleaning. Driving licence required.', { limit: 2, minConfidence: 0 }),
    ).toHaveLength(2);
    for (const r of index.extract('Cooking and cleaning. Driving licence required.', {
      minConfidence: 0.4,
    })) {
      expect(r.confidence).toBeGreaterThanOrEqual(0.4);
    }
  });

  it('is deterministic and keeps confidences in [0, 1]', () => {
    const a = index.extract(paragraph, { minConfidence: 0, limit: 50 });
    expect(index.extract(paragraph, { minConfidence: 0, limit: 50 })).toEqual(a);
    for (const r of a) {
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('LabelIndex: names, terms and their order', () => {
  const idx = new LabelIndex([
    entry('skill/css', 'CSS', 'preferred'),
    entry('skill/style-sheets', 'style sheet languages', 'preferred'),
    entry('skill/style-sheets', 'CSS', 'alt'),
    entry('skill/clean-floors', 'clean building floors', 'preferred'),
    entry('skill/clean-surfaces', 'clean surfaces', 'preferred'),
    entry('skill/cleaning-equipment', 'use cleaning equipment', 'preferred'),
    // A glossary term points at three skills, best first.
    { ...entry('skill/clean-surfaces', 'renhold', 'term'), lang: 'nb', tag: 'glossary' },
    { ...entry('skill/clean-floors', 'renhold', 'term'), lang: 'nb', tag: 'glossary', weight: 0.99 },
    { ...entry('skill/cleaning-equipment', 'renhold', 'term'), lang: 'nb', tag: 'glossary', weight: 0.98 },
  ]);

  it('an exact ESCO name beats another concept that has the same text as an alternative label', () => {
    const [first, second] = idx.lookup('CSS', 5, { exactSuffices: true });
    expect(first).toMatchObject({ conceptId: 'skill/css', kind: 'preferred', confidence: 1 });
    expect(second).toMatchObject({ conceptId: 'skill/style-sheets', kind: 'alt', confidence: 1 });
  });

  it('a term resolves to its concepts in the order given, with where it came from', () => {
    const hits = idx.lookup('Renhold', 3, { exactSuffices: true });
    expect(ids(hits)).toEqual(['skill/clean-surfaces', 'skill/clean-floors', 'skill/cleaning-equipment']);
    expect(hits.map((h) => h.confidence)).toEqual([1, 0.99, 0.98]);
    expect(hits[0]).toMatchObject({ kind: 'term', tag: 'glossary', label: 'renhold' });
  });

  it('a misspelt term still finds its concepts, first one first', () => {
    expect(ids(idx.lookup('renhld', 3)).slice(0, 1)).toEqual(['skill/clean-surfaces']);
  });
});
