/**
 * The scorer's knobs. Plain data on purpose: the matching service loads overrides from configuration and
 * stores `version` beside every match, so a stored score can always be traced to the weights that made it.
 * Bump `version` with any change to the numbers, or to what the scorer writes into an explanation: a new
 * version rescores every stored match (matching.rescore-all), which is how old explanations get new fields.
 *
 * w3 (issue 14): the same numbers as w2; explanations gained the must-have and nice-to-have tallies, the
 * skills' must-have flags and `meetsNoMustHave`. A larger must-have share was measured on the bench world
 * (30 openings × 3,000 candidates): 55 or 65 instead of 45 cut the share of stored matches meeting no
 * must-have (47.5% → 29% / 18% at the store threshold of 30) but ranked the opening's own occupation lower
 * (P@10 0.817 → 0.797 / 0.790). The meetsNoMustHave rule (last in lists, never notified, hidden from
 * employers) does that job without costing the ranking, so the numbers stay.
 *
 * The eight factor weights are relative shares, not points: the scorer drops factors an opening or a
 * candidate has nothing to say about and spreads their share over the rest, so 100 stays reachable.
 */
export interface Weights {
  version: string;

  // Factor weights (the defaults add up to 100).
  mustHave: number;
  niceToHave: number;
  language: number;
  distance: number;
  availability: number;
  hoursAndShifts: number;
  openingType: number;
  experience: number;

  /** A required skill the candidate lacks but has a neighbour of earns this × closeness of its credit. */
  nearMissFactor: number;
  /** Each skill level below the minimum costs this share of that skill's credit. */
  levelShortfallPenalty: number;
  /** Each language level below the minimum costs this share of that language's credit. */
  languageShortfallPenalty: number;
  /** A one-level Norwegian gap counts this much of a level when the opening offers language support. */
  languageSupportSoftening: number;
  /** The commute radius for a candidate who has not given one, km. */
  defaultCommuteKm: number;
  /** Distance credit falls linearly from full at the radius to 0 at this multiple of it. */
  distanceZeroAtRadius: number;
  /** Availability this many days after the start still earns something; later is a hard gate. */
  availabilityGateDays: number;
}

export const DEFAULT_WEIGHTS: Weights = Object.freeze({
  version: 'w3',
  mustHave: 45,
  niceToHave: 10,
  language: 15,
  distance: 10,
  availability: 5,
  hoursAndShifts: 5,
  openingType: 5,
  experience: 5,
  nearMissFactor: 0.6,
  levelShortfallPenalty: 0.25,
  languageShortfallPenalty: 1 / 3,
  languageSupportSoftening: 0.5,
  defaultCommuteKm: 30,
  distanceZeroAtRadius: 3,
  availabilityGateDays: 90,
});

type NumericKey = Exclude<keyof Weights, 'version'>;

// Shares of a credit: above 1 they would push a factor past its maximum and the score past 100.
const FRACTIONS: readonly NumericKey[] = [
  'nearMissFactor',
  'levelShortfallPenalty',
  'languageShortfallPenalty',
  'languageSupportSoftening',
];

/**
 * Checks weights loaded from configuration, once, before any scoring: a NaN here would quietly become a
 * NaN score on every match. Walks the keys of `DEFAULT_WEIGHTS`, so a key missing from a JSON file is caught
 * too. Returns the weights, to validate and assign in one step.
 */
export function validateWeights(w: Weights): Weights {
  const values = w as unknown as Record<string, unknown>;
  if (typeof values.version !== 'string' || values.version.trim() === '') {
    throw new Error('Invalid weights: version must be a non-empty string');
  }
  for (const key of Object.keys(DEFAULT_WEIGHTS) as (keyof Weights)[]) {
    if (key === 'version') continue;
    const v = values[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new Error(`Invalid weights: ${key} must be a finite number ≥ 0 (got ${String(v)})`);
    }
    if (FRACTIONS.includes(key) && v > 1) {
      throw new Error(`Invalid weights: ${key} must be at most 1 (got ${v})`);
    }
  }
  if (w.distanceZeroAtRadius < 1) {
    throw new Error(
      `Invalid weights: distanceZeroAtRadius must be at least 1 (got ${w.distanceZeroAtRadius})`,
    );
  }
  return w;
}
