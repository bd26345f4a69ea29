/**
 * What the scorer may read, on both sides of a match. The matching service's read model fills these; the
 * scorer reads nothing else.
 */

/**
 * Language levels: 0 = unknown, 1–6 = CEFR A1–C2, 7 = native. Unknown is 0 rather than absent so that "no
 * level recorded" compares below every requirement instead of crashing or silently passing.
 */
export type LanguageLevel = number;

/** 'unknown' is the read model's value for a profile where nobody has recorded a status yet. */
export type PermitStatus = 'not-required' | 'granted' | 'applied' | 'none' | 'unknown';

export type WorkplaceMode = 'on-site' | 'hybrid' | 'remote';

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface SkillClaim {
  /** ESCO skill id; null when the text never resolved to one (then the label is all there is). */
  skillId: string | null;
  label: string;
  /** 1–5, when someone recorded it. */
  level?: number;
}

export interface SkillRequirement {
  skillId: string | null;
  label: string;
  /** 1–5. */
  minLevel?: number;
}

/**
 * A candidate as the scorer sees it, and nothing more. Name, nationality, country of birth, gender, age,
 * religion and family status are deliberately absent: a field the type cannot hold cannot move a score, and
 * `match-score.spec.ts` fails to compile if one is added. Do not add them "just for display": the explanation
 * is built from this type too.
 */
export interface CandidateFeatures {
  skills: SkillClaim[];
  languages: { code: string; spoken: LanguageLevel; written: LanguageLevel }[];
  home?: GeoPoint;
  /** How far the candidate can travel to work; absent means the default radius in the weights. */
  commuteKm?: number;
  /** Norwegian licence classes as held (B, BE, C1, …). */
  drivingLicences: string[];
  certificates: string[];
  permit: PermitStatus;
  /** YYYY-MM-DD. */
  availableFrom?: string;
  hoursPercent?: number;
  shiftsOk?: boolean;
  /** Opening types the candidate wants; empty means open to all. */
  wishedOpeningTypes: string[];
  wishedOccupationIds: string[];
  experienceOccupationIds: string[];
}

/** An opening as the scorer sees it (the contracts' `OpeningRequirements` is the read model's row). */
export interface OpeningRequirements {
  type: string;
  occupationId?: string;
  mustHave: SkillRequirement[];
  niceToHave: SkillRequirement[];
  /** Spoken Norwegian, 1–6 (A1–C2). */
  norwegianMin?: number;
  /** Spoken, 1–6. */
  otherLanguages: { code: string; min: number }[];
  workplace?: GeoPoint;
  mode: WorkplaceMode;
  hoursPercent?: number;
  shifts?: boolean;
  /** YYYY-MM-DD. */
  startDate?: string;
  drivingLicences: string[];
  certificates: string[];
  workPermitRequired: boolean;
  /** The employer offers Norwegian language support on the job. */
  languageSupport: boolean;
}

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
