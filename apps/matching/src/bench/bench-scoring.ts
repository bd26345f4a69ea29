/**
 * What MatchingService does to candidates between reading them and writing their matches, over all of them
 * at once: the scoring half of the raw baseline in matching-bench.ts, and the expected outcome the pipeline's
 * stored rows and queued notifications are checked against. The service's own methods are private; these
 * follow them line for line, so the baseline does the same work per pair.
 */
import type { CandidateScoringFeatures, OpeningRequirements, SkillNeighbour } from '@brobygger/contracts';
import { proximityFromNeighbours, scoreMatch, type Proximity, type Weights } from '@brobygger/scoring';
import type { ScoredPair } from '../match.repository';

/** A row of matching.candidate_features as `pg` returns it (jsonb already parsed). */
export interface FeatureRow {
  candidate_id: string;
  version: number;
  notify_in_app: boolean;
  features: CandidateScoringFeatures;
}

/** As MatchingService.proximityFor builds it from the taxonomy's answer. */
export function proximityOf(neighbours: readonly SkillNeighbour[]): Proximity {
  return proximityFromNeighbours(neighbours);
}

export interface PairScoring {
  opening: OpeningRequirements;
  proximity: Proximity;
  weights: Weights;
  /** YYYY-MM-DD, as the service's osloToday(). */
  today: string;
}

/** As MatchingService.score: the pair as the repository writes it. */
export function scorePair(s: PairScoring, c: FeatureRow): ScoredPair {
  const result = scoreMatch(c.features, s.opening.requirements, {
    weights: s.weights,
    proximity: s.proximity,
    today: s.today,
  });
  return {
    openingId: s.opening.openingId,
    candidateId: c.candidate_id,
    openingVersion: s.opening.version,
    candidateVersion: c.version,
    weightsVersion: s.weights.version,
    score: result.score,
    explanation: { ...result.explanation, gates: result.gates },
  };
}

const byScoreThenId = (a: ScoredPair, b: ScoredPair) =>
  b.score - a.score || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0);

/**
 * What the service has stored of one opening's pairs once every chunk is done: each pair at or above the
 * store threshold, and of the rest (gated zeros aside, never stored) those among the opening's best `topN`
 * overall, best first and equal scores by candidate id, as MatchRepository.trimBelowThreshold leaves them.
 * Any pair above the threshold outranks every pair below it, so the rest only fill what room the pairs
 * above leave in the best `topN`.
 */
export function storedPairs(pairs: readonly ScoredPair[], threshold: number, topN: number): ScoredPair[] {
  const above = pairs.filter((p) => p.score >= threshold);
  const room = topN - above.length;
  if (room <= 0) return above;
  const below = pairs.filter((p) => p.score < threshold && p.score > 0).sort(byScoreThenId);
  return [...above, ...below.slice(0, room)];
}

/**
 * The stored pairs a `match.notify` job is queued for: those at or above the notify threshold that meet some
 * must-have (whether and how the candidate hears of it is the notify job's to decide).
 */
export function notifiedPairs<P extends ScoredPair>(stored: readonly P[], notifyThreshold: number): P[] {
  return stored.filter((p) => p.score >= notifyThreshold && !p.explanation.meetsNoMustHave);
}
