import {
  SkillProximity,
  computeNeighbours,
  type Neighbour,
  type OccupationSkillLink,
  type SkillRelation,
} from './proximity';

const broader = (from: string, to: string): SkillRelation => ({ from, to, kind: 'broader' });
const link = (occupationId: string, skillId: string, relation: 'essential' | 'optional' = 'essential') => ({
  occupationId,
  skillId,
  relation,
});

/** Rows from `skillId`, as [other, score, reason], for compact exact expectations. */
function rowsOf(rows: readonly Neighbour[], skillId: string): Array<[string, number, string]> {
  return rows.filter((r) => r.skillId === skillId).map((r) => [r.other, r.score, r.reason]);
}

describe('computeNeighbours: skill hierarchy', () => {
  const relations = [
    broader('skill/mig', 'skill/weld'),
    broader('skill/tig', 'skill/weld'),
    broader('skill/arc', 'skill/weld'),
    // ESCO also places skills under groups that are not skills: no rows for those.
    broader('skill/weld', 'isced-f/0715'),
    broader('skill/solder', 'isced-f/0715'),
  ];
  const rows = computeNeighbours(relations, []);

  it('writes broader and narrower rows, and siblings under one skill', () => {
    expect(rowsOf(rows, 'skill/mig')).toEqual([
      ['skill/weld', 0.8, 'broader'],
      ['skill/arc', 0.6, 'sibling'],
      ['skill/tig', 0.6, 'sibling'],
    ]);
    expect(rowsOf(rows, 'skill/weld')).toEqual([
      ['skill/arc', 0.8, 'narrower'],
      ['skill/mig', 0.8, 'narrower'],
      ['skill/tig', 0.8, 'narrower'],
    ]);
  });

  it('ignores broader links to ids that are not skills, so their children are not siblings', () => {
    expect(rows.some((r) => r.other === 'isced-f/0715' || r.skillId === 'isced-f/0715')).toBe(false);
    expect(rowsOf(rows, 'skill/solder')).toEqual([]);
  });

  it('takes an isSkill predicate for skill groups that share the skill/ prefix', () => {
    const withGroup = computeNeighbours(
      [broader('skill/mig', 'skill/S6.1'), broader('skill/tig', 'skill/S6.1')],
      [],
      {
        isSkill: (id) => id !== 'skill/S6.1',
      },
    );
    expect(withGroup).toEqual([]);
  });

  it('gives no siblings under a parent with more than 30 children', () => {
    const big = Array.from({ length: 31 }, (_, i) => broader(`skill/child-${i}`, 'skill/big'));
    const bigRows = computeNeighbours(big, []);
    expect(bigRows.filter((r) => r.reason === 'sibling')).toEqual([]);
    expect(bigRows).toHaveLength(62);
    const thirty = computeNeighbours(big.slice(0, 30), []);
    expect(thirty.filter((r) => r.reason === 'sibling')).toHaveLength(30 * 29);
  });
});

describe('computeNeighbours: ESCO skill relations and merging', () => {
  it('essential relations score 0.7 and optional 0.5, both directions', () => {
    const rows = computeNeighbours(
      [
        { from: 'skill/weld', to: 'skill/metal-safety', kind: 'essential' },
        { from: 'skill/weld', to: 'skill/grind', kind: 'optional' },
      ],
      [],
    );
    expect(rowsOf(rows, 'skill/weld')).toEqual([
      ['skill/metal-safety', 0.7, 'related'],
      ['skill/grind', 0.5, 'related'],
    ]);
    expect(rowsOf(rows, 'skill/grind')).toEqual([['skill/weld', 0.5, 'related']]);
  });

  it('keeps the highest score when a pair has several reasons', () => {
    const rows = computeNeighbours(
      [
        broader('skill/mig', 'skill/weld'),
        broader('skill/tig', 'skill/weld'),
        { from: 'skill/mig', to: 'skill/weld', kind: 'essential' },
        { from: 'skill/mig', to: 'skill/tig', kind: 'optional' },
      ],
      [],
    );
    expect(rowsOf(rows, 'skill/mig')).toEqual([
      ['skill/weld', 0.8, 'broader'],
      ['skill/tig', 0.6, 'sibling'],
    ]);
  });

  it('on equal scores keeps the reason listed first: broader before narrower', () => {
    // A cycle makes b both broader and narrower than a.
    const rows = computeNeighbours([broader('skill/b', 'skill/a'), broader('skill/a', 'skill/b')], []);
    expect(rowsOf(rows, 'skill/a')).toEqual([['skill/b', 0.8, 'broader']]);
    expect(rowsOf(rows, 'skill/b')).toEqual([['skill/a', 0.8, 'broader']]);
  });

  it('ignores self-relations', () => {
    expect(computeNeighbours([{ from: 'skill/a', to: 'skill/a', kind: 'essential' }], [])).toEqual([]);
  });
});

describe('computeNeighbours: shared occupations', () => {
  const links: OccupationSkillLink[] = [
    link('occupation/cook', 'skill/cook'),
    link('occupation/chef', 'skill/cook'),
    link('occupation/baker', 'skill/cook', 'optional'),
    link('occupation/cook', 'skill/hygiene'),
    link('occupation/chef', 'skill/hygiene', 'optional'),
    link('occupation/baker', 'skill/hygiene'),
    // Shares only one occupation with cooking: below minShared.
    link('occupation/cook', 'skill/serve'),
  ];

  it('scores 0.5 × weighted Jaccard of the occupations, essential 1 and optional 0.5', () => {
    // min sums 1 + 0.5 + 0.5 = 2, max sums 1 + 1 + 1 = 3: Jaccard 2/3, score 1/3.
    const rows = computeNeighbours([], links);
    expect(rows).toEqual([
      { skillId: 'skill/cook', other: 'skill/hygiene', score: 1 / 3, reason: 'shared-occupations' },
      { skillId: 'skill/hygiene', other: 'skill/cook', score: 1 / 3, reason: 'shared-occupations' },
    ]);
  });

  it('with minShared 1 a single shared occupation is enough', () => {
    const rows = computeNeighbours([], links, { minShared: 1 });
    // cook {cook 1, chef 1, baker .5} vs serve {cook 1}: 1 / 2.5.
    expect(rowsOf(rows, 'skill/serve')).toEqual([
      ['skill/cook', 0.2, 'shared-occupations'],
      ['skill/hygiene', 0.2, 'shared-occupations'],
    ]);
  });

  it('leaves out skills linked to more than maxOccupations occupations', () => {
    expect(computeNeighbours([], links, { maxOccupations: 2 })).toEqual([]);
  });

  it('keeps only the topK best partners of each skill (plus the reverse rows)', () => {
    const triangle: OccupationSkillLink[] = [
      ...['o1', 'o2', 'o3'].map((o) => link(o, 'skill/a')),
      ...['o1', 'o2', 'o3'].map((o) => link(o, 'skill/b')),
      ...['o1', 'o2', 'o4', 'o5'].map((o) => link(o, 'skill/c')),
      ...['o4', 'o5'].map((o) => link(o, 'skill/d')),
    ];
    const rows = computeNeighbours([], triangle, { topK: 1 });
    // a's best is b (Jaccard 1); c's best is d (2/4 beats 2/5); b's best is a.
    expect(rowsOf(rows, 'skill/a')).toEqual([['skill/b', 0.5, 'shared-occupations']]);
    expect(rowsOf(rows, 'skill/c')).toEqual([['skill/d', 0.25, 'shared-occupations']]);
    expect(computeNeighbours([], triangle, { topK: 0 })).toEqual([]);
  });

  it('lets a hierarchy reason win over shared occupations', () => {
    const rows = computeNeighbours([broader('skill/hygiene', 'skill/cook')], links);
    expect(rowsOf(rows, 'skill/hygiene')).toEqual([['skill/cook', 0.8, 'broader']]);
  });
});

describe('SkillProximity', () => {
  const proximity = new SkillProximity(
    computeNeighbours(
      [
        broader('skill/mig', 'skill/weld'),
        broader('skill/tig', 'skill/weld'),
        { from: 'skill/weld', to: 'skill/grind', kind: 'optional' },
      ],
      [],
    ),
  );

  it('a skill is the same as itself, known or not', () => {
    expect(proximity.proximity('skill/weld', 'skill/weld')).toEqual({ score: 1, reason: 'same' });
    expect(proximity.proximity('skill/x', 'skill/x')).toEqual({ score: 1, reason: 'same' });
  });

  it('answers a known pair from its row, in both directions', () => {
    expect(proximity.proximity('skill/mig', 'skill/weld')).toEqual({ score: 0.8, reason: 'broader' });
    expect(proximity.proximity('skill/weld', 'skill/mig')).toEqual({ score: 0.8, reason: 'narrower' });
    expect(proximity.proximity('skill/mig', 'skill/tig')).toEqual({ score: 0.6, reason: 'sibling' });
    expect(proximity.proximity('skill/grind', 'skill/weld')).toEqual({ score: 0.5, reason: 'related' });
  });

  it('gives 0 and no reason for unrelated or unknown skills', () => {
    expect(proximity.proximity('skill/mig', 'skill/grind')).toEqual({ score: 0, reason: null });
    expect(proximity.proximity('skill/mig', 'skill/unknown')).toEqual({ score: 0, reason: null });
  });

  it('lists neighbours by score, highest first', () => {
    expect(proximity.neighbours('skill/weld').map((n) => [n.other, n.score])).toEqual([
      ['skill/mig', 0.8],
      ['skill/tig', 0.8],
      ['skill/grind', 0.5],
    ]);
    expect(proximity.neighbours('skill/unknown')).toEqual([]);
  });

  it('keeps the best row when given duplicates for one pair', () => {
    const p = new SkillProximity([
      { skillId: 'a', other: 'b', score: 0.5, reason: 'related' },
      { skillId: 'a', other: 'b', score: 0.8, reason: 'narrower' },
      { skillId: 'a', other: 'b', score: 0.8, reason: 'broader' },
    ]);
    expect(p.proximity('a', 'b')).toEqual({ score: 0.8, reason: 'broader' });
    expect(p.size).toBe(1);
  });
});
