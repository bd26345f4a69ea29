import { baselineDocument, sumOfRankingScores } from './meili-baseline';

describe('baselineDocument', () => {
  it('holds the preferred labels in skills and every alternative label in skillTerms', () => {
    const preferred = new Map([
      ['skill/a', 'weld metal'],
      ['skill/b', 'drive forklift'],
    ]);
    const alts = new Map([['skill/a', ['welding', 'metal welding']]]);
    expect(baselineDocument({ id: 'c1', skillIds: ['skill/a', 'skill/b'] }, preferred, alts)).toEqual({
      id: 'c1',
      skills: ['weld metal', 'drive forklift'],
      skillTerms: ['welding', 'metal welding'],
    });
  });
});

describe('sumOfRankingScores', () => {
  it('ranks by the summed score over the lists, ties by id, and leaves out ids in no list', () => {
    const ranked = sumOfRankingScores([
      [
        { id: 'c3', score: 0.9 },
        { id: 'c1', score: 0.5 },
      ],
      [
        { id: 'c2', score: 0.75 },
        { id: 'c1', score: 0.25 },
      ],
      [{ id: 'c4', score: 0.75 }],
    ]);
    expect(ranked).toEqual(['c3', 'c1', 'c2', 'c4']);
  });
});
