import {
  editSimilarity,
  labelSimilarity,
  osaDistance,
  splitSimilarity,
  splitText,
  tokenOverlap,
} from './similarity';

describe('osaDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['welding', 'welding', 0],
    ['weldng', 'welding', 1],
    ['forklfit', 'forklift', 1],
    ['ca', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%j → %j is %i edits', (a, b, d) => {
    expect(osaDistance(a, b)).toBe(d);
    expect(osaDistance(b, a)).toBe(d);
  });

  it('compares only the first 64 characters', () => {
    const a = 'x'.repeat(64);
    expect(osaDistance(a + 'tail one', a + 'another tail')).toBe(0);
  });
});

describe('editSimilarity', () => {
  it('is 1 minus edits over the longer length', () => {
    expect(editSimilarity('weldng', 'welding')).toBeCloseTo(1 - 1 / 7, 10);
    expect(editSimilarity('', '')).toBe(1);
  });
});

describe('tokenOverlap', () => {
  it('ignores word order and counts stems and typos as matches', () => {
    expect(tokenOverlap(splitText('welding mig'), splitText('mig welding'))).toBe(1);
    expect(tokenOverlap(splitText('cooking'), splitText('cook'))).toBe(1);
    expect(tokenOverlap(splitText('weldng'), splitText('welding'))).toBeCloseTo(1 - 1 / 7, 10);
  });

  it('counts filler words a quarter', () => {
    // help/help 1, our 0 (weight 0.25), customers/customers 1: (2 + 2) / (2.25 + 2)
    expect(tokenOverlap(splitText('help our customers'), splitText('help customers'))).toBeCloseTo(
      4 / 4.25,
      10,
    );
  });
});

describe('labelSimilarity', () => {
  it('is 1 for labels equal after folding', () => {
    expect(labelSimilarity('MIG-Welding', 'mig welding')).toBe(1);
  });

  it('a one-letter typo scores about 0.85', () => {
    expect(labelSimilarity('weldng', 'welding')).toBeCloseTo(0.8546, 4);
  });

  it('reordered words score high', () => {
    expect(labelSimilarity('mig welding', 'welding mig')).toBeCloseTo(0.9388, 4);
  });

  it('an inflected word in a longer label still scores high', () => {
    expect(labelSimilarity('manage music staff', 'manage musical staff')).toBeCloseTo(0.9862, 4);
  });

  it('words run together score high but below an exact match', () => {
    expect(labelSimilarity('fork lift', 'forklift')).toBeCloseTo(0.9409, 4);
  });

  it('labels sharing one of two words score moderately', () => {
    expect(labelSimilarity('food hygiene', 'food safety')).toBeCloseTo(0.4941, 4);
  });

  it('labels sharing one long word are not taken for typos of each other', () => {
    expect(labelSimilarity('code reviews', 'book reviews')).toBeLessThan(0.6);
  });

  it('unrelated labels score low', () => {
    expect(labelSimilarity('xyzzy qwerty', 'use welding equipment')).toBeLessThan(0.05);
    expect(labelSimilarity('banana spaceship', 'operate forklift')).toBeLessThan(0.05);
  });

  it('stays within [0, 1] and is symmetric', () => {
    const pairs: Array<[string, string]> = [
      ['', 'x'],
      ['a', ''],
      ['use welding equipment', 'weldng equipment'],
      ['c++', 'c#'],
      ['bussjåfør', 'bussjafor'],
    ];
    for (const [a, b] of pairs) {
      const s = labelSimilarity(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(labelSimilarity(b, a)).toBeCloseTo(s, 12);
    }
  });

  it('splitSimilarity on pre-split text agrees with labelSimilarity', () => {
    expect(splitSimilarity(splitText('weldng equipment'), splitText('use welding equipment'))).toBe(
      labelSimilarity('weldng equipment', 'use welding equipment'),
    );
  });
});
