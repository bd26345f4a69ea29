/**
 * What the scorer may read, on both sides of a match. The matching service's read model fills these; the
 * scorer reads nothing else.
 */

// The feature types are the wire between the services and matching's read model, so they live in contracts;
// these are their names here.
export type {
  CandidateScoringFeatures as CandidateFeatures,
  GeoPoint,
  LanguageLevel,
  OpeningScoringRequirements as OpeningRequirements,
  ScoringPermitStatus as PermitStatus,
  SkillClaim,
  SkillRequirement,
  WorkplaceMode,
} from '@brobygger/contracts';
import type { MatchExplanation } from '@brobygger/contracts';

/**
 * How close two skills are, 0–1, with the reason (broader, narrower, sibling, related, shared-occupations).
 * `closeness(required, have)`: a reason of 'broader' means the skill the candidate has is broader than the one
 * required. Undefined (or a score of 0) means unrelated.
 */
export interface Proximity {
  closeness(a: string, b: string): { score: number; reason: string } | undefined;
}

/**
 * Adapts the taxonomy's `SkillProximity` (or anything with its `proximity` method) without this lib
 * importing the taxonomy: its "no relation" answer is a score of 0 and a null reason.
 */
export function proximityFrom(source: {
  proximity(a: string, b: string): { score: number; reason: string | null };
}): Proximity {
  return {
    closeness(a, b) {
      const p = source.proximity(a, b);
      return p.reason !== null && p.score > 0 ? { score: p.score, reason: p.reason } : undefined;
    },
  };
}

/**
 * Proximity from the taxonomy's precomputed neighbour rows (`taxonomy.skills.related`), as the matching
 * service asks for them once per job. Nested maps, not "required|have" string keys: the scorer asks about
 * every pair of a required and a held skill, and building a key string per question was the largest single
 * cost of scoring (bench:matching).
 */
export function proximityFromNeighbours(
  neighbours: Iterable<{ skillId: string; other: string; score: number; reason: string }>,
): Proximity {
  const close = new Map<string, Map<string, { score: number; reason: string }>>();
  for (const n of neighbours) {
    let row = close.get(n.skillId);
    if (!row) {
      row = new Map<string, { score: number; reason: string }>();
      close.set(n.skillId, row);
    }
    row.set(n.other, { score: n.score, reason: n.reason });
  }
  return { closeness: (required, have) => close.get(required)?.get(have) };
}

/** An explanation with nothing in it: for a message whose match is gone, and for tests that fill in parts. */
export function emptyExplanation(overrides: Partial<MatchExplanation> = {}): MatchExplanation {
  return {
    weightsVersion: '',
    parts: [],
    gates: [],
    openingType: '',
    mustHave: { met: 0, partial: 0, total: 0 },
    niceToHave: { met: 0, partial: 0, total: 0 },
    meetsNoMustHave: false,
    matchedSkills: [],
    missingMustHaves: [],
    nearMisses: [],
    toCloseTheGap: [],
    ...overrides,
  };
}
