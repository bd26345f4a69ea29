import { overlapAllWords, overlapMaskWords, packBitsets, popcount32, skillIndex } from './skill-bitsets';

describe('popcount32', () => {
  it.each([
    [0, 0],
    [1, 1],
    [0x80000000, 1],
    [0xffffffff, 32],
    [-1, 32],
    [0xaaaaaaaa, 16],
    [0x00f000f1, 9],
  ])('%i has %i bits set', (word, bits) => {
    expect(popcount32(word)).toBe(bits);
  });
});

describe('skill bitsets', () => {
  /** 40 skills, skill/00 … skill/39: bit i is skill i, so the rows span two 32-bit words. */
  const skills = Array.from({ length: 40 }, (_, i) => `skill/${String(i).padStart(2, '0')}`);
  const index = skillIndex([skills]);
  const must = ['skill/01', 'skill/31', 'skill/32', 'skill/39'];

  const counts = (rows: (string | null)[][]) => {
    const packed = packBitsets(index, rows);
    const mask = packBitsets(index, [must]).bits;
    const all = new Uint16Array(rows.length);
    const masked = new Uint16Array(rows.length);
    return {
      all: [overlapAllWords(packed, mask, all), [...all]],
      masked: [overlapMaskWords(packed, mask, masked), [...masked]],
    };
  };

  it('numbers the ids in id order, whatever order they come in, leaving nulls out', () => {
    expect([
      ...skillIndex([
        ['skill/b', null, 'skill/a'],
        ['skill/c', 'skill/a'],
      ]),
    ]).toEqual([
      ['skill/a', 0],
      ['skill/b', 1],
      ['skill/c', 2],
    ]);
  });

  it('packs 40 skills into 2 words per row', () => {
    const packed = packBitsets(index, [['skill/00', 'skill/33'], []]);
    expect(packed).toMatchObject({ rows: 2, words: 2 });
    expect([...packed.bits]).toEqual([1, 2, 0, 0]);
  });

  it('counts the must-haves each row holds, on both sides of the word boundary: 2, 0, 2, 0, 4 = 8', () => {
    const rows = [
      ['skill/01', 'skill/32', 'skill/05'],
      [],
      // A repeat counts once; a null (an unresolved text) and an id not in play count nothing.
      ['skill/31', 'skill/39', null, 'skill/31', 'skill/99'],
      ['skill/02', 'skill/30', 'skill/33'],
      skills,
    ];
    const expected = [8, [2, 0, 2, 0, 4]];
    expect(counts(rows)).toEqual({ all: expected, masked: expected });
  });

  it("reads only the words the opening's mask has bits in", () => {
    // Must-haves all in the second word: a row whose first word is full still counts 0.
    const packed = packBitsets(index, [skills.slice(0, 32), ['skill/35']]);
    const mask = packBitsets(index, [['skill/35', 'skill/36']]).bits;
    const out = new Uint16Array(2);
    expect(overlapMaskWords(packed, mask, out)).toBe(1);
    expect([...out]).toEqual([0, 1]);
  });
});
