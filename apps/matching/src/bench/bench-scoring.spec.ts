import { emptyExplanation } from '@brobygger/scoring';
import type { ScoredPair } from '../match.repository';
import { notifiedPairs, proximityOf, storedPairs } from './bench-scoring';

const explanation = emptyExplanation({ weightsVersion: 'w3' });

function newPair(overrides: Partial<ScoredPair> = {}): ScoredPair {
  return {
    openingId: '00000000-0000-4000-8000-000000000001',
    candidateId: '00000000-0000-4000-8000-0000000000aa',
    openingVersion: 1,
    candidateVersion: 1,
    weightsVersion: 'w3',
    score: 50,
    explanation,
    ...overrides,
  };
}

/** Pairs by candidate id suffix and score. */
const pairs = (scores: Record<string, number>) =>
  Object.entries(scores).map(([id, score]) =>
    newPair({ candidateId: `00000000-0000-4000-8000-0000000000${id}`, score }),
  );
const ids = (ps: ScoredPair[]) => ps.map((p) => p.candidateId.slice(-2));

describe('storedPairs (threshold 30)', () => {
  it('keeps every pair at or above 30, then fills the best 3 with the best below it, equal scores by id', () => {
    const stored = storedPairs(pairs({ c1: 50, c2: 20, b2: 25, c3: 0, a2: 25, c4: 10 }), 30, 3);
    expect(ids(stored)).toEqual(['c1', 'a2', 'b2']);
  });

  it('keeps 30 exactly, and nothing below once 3 pairs are at or above it', () => {
    const stored = storedPairs(pairs({ c1: 30, c2: 99, c3: 45, c4: 29.9, c5: 70 }), 30, 3);
    expect(ids(stored)).toEqual(['c1', 'c2', 'c3', 'c5']);
  });

  it('never stores a gated 0, even with room left; with N = 0 nothing below 30', () => {
    expect(ids(storedPairs(pairs({ c1: 0, c2: 12.5 }), 30, 5))).toEqual(['c2']);
    expect(ids(storedPairs(pairs({ c1: 31, c2: 29 }), 30, 0))).toEqual(['c1']);
  });
});

describe('notifiedPairs', () => {
  it('queues a notify job for every stored pair at or above 60 that meets some must-have', () => {
    const stored = [
      newPair({ candidateId: 'a', score: 60 }),
      newPair({ candidateId: 'b', score: 59.9 }),
      newPair({ candidateId: 'c', score: 88 }),
      newPair({ candidateId: 'd', score: 70, explanation: { ...explanation, meetsNoMustHave: true } }),
    ];
    expect(notifiedPairs(stored, 60).map((p) => p.candidateId)).toEqual(['a', 'c']);
  });
});

describe('proximityOf', () => {
  it("answers from the taxonomy's rows, in the direction they were given", () => {
    const proximity = proximityOf([
      { skillId: 'skill/mig', other: 'skill/tig', score: 0.6, reason: 'sibling' },
      { skillId: 'skill/mig', other: 'skill/welding', score: 0.8, reason: 'broader' },
    ]);
    expect(proximity.closeness('skill/mig', 'skill/welding')).toEqual({ score: 0.8, reason: 'broader' });
    expect(proximity.closeness('skill/tig', 'skill/mig')).toBeUndefined();
  });
});
