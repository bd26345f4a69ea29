import { accuracyAtK, injectTypo, rPrecisionAtK, seededRandom, setPrecisionRecall } from './metrics';
import { osaDistance } from './similarity';

describe('accuracyAtK', () => {
  const results = [
    { gold: 'a', ranked: ['b', 'a'] },
    { gold: 'c', ranked: ['c'] },
    { gold: 'd', ranked: [] },
  ];

  it('counts items whose gold id is in the first k', () => {
    expect(accuracyAtK(results, 1)).toBeCloseTo(1 / 3, 12);
    expect(accuracyAtK(results, 2)).toBeCloseTo(2 / 3, 12);
  });

  it('is 0 for no items', () => {
    expect(accuracyAtK([], 5)).toBe(0);
  });

  it('counts an item once when any of several accepted ids is in the first k', () => {
    const accepted = [
      { gold: ['a', 'b'], ranked: ['b', 'a'] }, // two accepted ids in the top 2: one hit
      { gold: new Set(['c', 'd']), ranked: ['x', 'd'] }, // second place
      { gold: ['e'], ranked: ['x', 'y', 'e'] },
    ];
    expect(accuracyAtK(accepted, 1)).toBeCloseTo(1 / 3, 12);
    expect(accuracyAtK(accepted, 2)).toBeCloseTo(2 / 3, 12);
    expect(accuracyAtK(accepted, 3)).toBe(1);
  });
});

describe('rPrecisionAtK', () => {
  it('cuts at min(k, |gold|) and averages over items with gold', () => {
    const r = rPrecisionAtK(
      [
        // 3 gold, cut 3: a and b of {a, x, b} → 2/3
        { gold: new Set(['a', 'b', 'c']), ranked: ['a', 'x', 'b', 'y', 'c'] },
        // 1 gold, cut 1: only the first result counts → 0
        { gold: ['a'], ranked: ['x', 'a'] },
        // no gold: skipped
        { gold: [], ranked: ['a'] },
        // 7 gold, cut 5: 4 of the first 5 → 4/5
        { gold: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], ranked: ['a', 'b', 'c', 'd', 'x', 'e'] },
      ],
      5,
    );
    expect(r).toBeCloseTo((2 / 3 + 0 + 4 / 5) / 3, 12);
  });

  it('counts a repeated ranked id once', () => {
    expect(rPrecisionAtK([{ gold: ['a', 'b'], ranked: ['a', 'a', 'b'] }], 5)).toBe(0.5);
  });

  it('is 0 when no item has gold', () => {
    expect(rPrecisionAtK([{ gold: [], ranked: ['a'] }], 5)).toBe(0);
  });
});

describe('setPrecisionRecall', () => {
  it('micro-averages over all items', () => {
    const r = setPrecisionRecall([
      { gold: ['a', 'b'], predicted: ['a', 'b', 'c'] },
      { gold: new Set(['c']), predicted: [] },
      { gold: [], predicted: ['d', 'd'] },
    ]);
    // tp 2, predicted 4 (d counted once), gold 3
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBeCloseTo(2 / 3, 12);
    expect(r.f1).toBeCloseTo(4 / 7, 12);
  });

  it('is all zeros when nothing is predicted or expected', () => {
    expect(setPrecisionRecall([{ gold: [], predicted: [] }])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('seededRandom', () => {
  it('is mulberry32: the reference sequence for seed 42', () => {
    const rnd = seededRandom(42);
    expect([rnd(), rnd(), rnd()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('gives the same sequence for the same seed and values in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(b()).toBe(x);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe('injectTypo', () => {
  const labels = [
    'use welding equipment',
    'forklift driving',
    'food hygiene',
    'manage musical staff',
    'Bussjåfør',
    'PostgreSQL',
    'think analytically',
  ];

  it('is deterministic for a seed', () => {
    const run = () => {
      const rnd = seededRandom(7);
      return labels.map((l) => injectTypo(l, rnd, 2));
    };
    expect(run()).toEqual(run());
    const rnd = seededRandom(7);
    expect(injectTypo('use welding equipment', rnd, 1)).toBe('ue welding equipment');
  });

  it('one edit is exactly one edit away', () => {
    const rnd = seededRandom(1);
    for (let i = 0; i < 500; i++) {
      const label = labels[i % labels.length];
      expect(osaDistance(injectTypo(label, rnd, 1), label)).toBe(1);
    }
  });

  it('two edits are at most two edits away', () => {
    const rnd = seededRandom(2);
    for (let i = 0; i < 500; i++) {
      const label = labels[i % labels.length];
      expect(osaDistance(injectTypo(label, rnd, 2), label)).toBeLessThanOrEqual(2);
    }
  });

  it('never touches the first letter of a word, digits or punctuation', () => {
    const rnd = seededRandom(3);
    for (let i = 0; i < 300; i++) {
      const out = injectTypo('C++ 2024: weld, cook', rnd, 1);
      expect(out.startsWith('C++ 2024: w')).toBe(true);
      expect(out).toMatch(/, c\w*$/);
    }
  });

  it('returns text with no editable letter unchanged', () => {
    const rnd = seededRandom(4);
    expect(injectTypo('a b 12', rnd, 2)).toBe('a b 12');
  });
});
