import {
  averagePrecision,
  rankByScore,
  recallAtK,
  reciprocalRank,
  summarise,
  type RankedCandidates,
} from './ranking-metrics';

const ranking = (relevant: string[], ranked: string[]): RankedCandidates => ({
  relevant: new Set(relevant),
  ranked,
});

describe('reciprocalRank', () => {
  it('is 1 / the rank of the first right candidate', () => {
    expect(reciprocalRank(ranking(['b', 'd'], ['a', 'b', 'c', 'd']), 1000)).toBe(0.5);
  });

  it('is 0 when no right candidate comes within the cutoff, or none is in the list', () => {
    expect(reciprocalRank(ranking(['d'], ['a', 'b', 'c', 'd']), 3)).toBe(0);
    expect(reciprocalRank(ranking(['z'], ['a', 'b']), 1000)).toBe(0);
  });
});

describe('averagePrecision', () => {
  it('averages the precision at each right candidate over all right candidates', () => {
    // Right at ranks 1 and 3: (1/1 + 2/3) / 2.
    expect(averagePrecision(ranking(['a', 'c'], ['a', 'b', 'c']), 1000)).toBeCloseTo(5 / 6, 12);
  });

  it('counts a right candidate below the cutoff or never returned as 0', () => {
    // Right: a (rank 2), c (rank 4, past the cutoff of 3), z (not returned): (1/2 + 0 + 0) / 3.
    expect(averagePrecision(ranking(['a', 'c', 'z'], ['b', 'a', 'd', 'c']), 3)).toBeCloseTo(1 / 6, 12);
  });

  it('is 1 when the right candidates fill the top', () => {
    expect(averagePrecision(ranking(['b', 'a'], ['a', 'b', 'c']), 1000)).toBe(1);
  });
});

describe('recallAtK', () => {
  it('is the share of right candidates among the first k', () => {
    expect(recallAtK(ranking(['a', 'c', 'e', 'z'], ['a', 'b', 'c', 'd', 'e']), 3)).toBe(0.5);
  });
});

describe('summarise', () => {
  it('averages the three over openings that have right candidates', () => {
    const s = summarise(
      [
        ranking(['a'], ['a', 'b']), // RR 1, AP 1, R@10 1
        ranking(['b', 'z'], ['a', 'b']), // RR 1/2, AP (1/2) / 2, R@10 1/2
        ranking([], ['a']), // nothing to find: skipped
      ],
      1000,
    );
    expect(s.n).toBe(2);
    expect(s.mrr).toBeCloseTo(0.75, 12);
    expect(s.map).toBeCloseTo(0.625, 12);
    expect(s.recallAt10).toBeCloseTo(0.75, 12);
  });

  it('gives zeros for nothing to judge', () => {
    expect(summarise([], 1000)).toEqual({ n: 0, mrr: 0, map: 0, recallAt10: 0 });
  });
});

describe('rankByScore', () => {
  it('puts higher scores first and breaks ties by id', () => {
    expect(
      rankByScore([
        { id: 'c2', score: 50 },
        { id: 'c1', score: 50 },
        { id: 'c3', score: 70.5 },
        { id: 'c0', score: 10 },
      ]),
    ).toEqual(['c3', 'c1', 'c2', 'c0']);
  });
});
