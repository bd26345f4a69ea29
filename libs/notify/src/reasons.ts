import type { MatchExplanation, ScorePart } from '@brobygger/contracts';
import { bidiIsolate, formatKm, formatList, openingTypeName, translate, type Lang } from './catalogue';

/*
 * The explanation carries some facts only in its parts' English `detail` strings ("3 of 4 matched", "wishes
 * internship"). They are read here with exact patterns, and a part whose detail does not match says nothing:
 * a changed scorer then yields fewer reasons, never wrong ones. reasons.spec.ts runs the real scorer, so such
 * a change fails a test instead of going quiet.
 *
 * Only what helps: a part that earned points from missing data ("unknown"), or that records a shortfall
 * (a language gap without support, hours only partly matching), gives no reason. The candidate's adviser
 * sees gaps; a notification is not the place for them.
 */

export interface ReasonOptions {
  /** Bidi-isolate labels in right-to-left languages (see bidiIsolate); on by default, off for SMS. */
  isolate?: boolean;
}

/**
 * The strongest reasons for a match, in plain words in the candidate's language: the parts with the most
 * points first (ties keep the scorer's order), parts with no points left out.
 */
export function topReasons(
  explanation: MatchExplanation,
  lang: Lang,
  n = 3,
  { isolate = true }: ReasonOptions = {},
): string[] {
  const ctx: Ctx = { x: explanation, lang, isolate };
  return explanation.parts
    .filter((p) => p.points > 0)
    .sort((a, b) => b.points - a.points)
    .map((p) => Object.hasOwn(WRITERS, p.factor) && WRITERS[p.factor](p, ctx))
    .filter((r): r is string => typeof r === 'string')
    .slice(0, Math.max(0, n));
}

interface Ctx {
  x: MatchExplanation;
  lang: Lang;
  isolate: boolean;
}

type Writer = (part: ScorePart, ctx: Ctx) => string | undefined;

/** Keyed by the scorer's factor names. */
const WRITERS: Readonly<Record<string, Writer>> = {
  'must-have skills': mustHaveReason,
  'nice-to-have skills': niceToHaveReason,
  language: languageReason,
  distance: distanceReason,
  availability: availabilityReason,
  'hours and shifts': hoursReason,
  'opening type': openingTypeReason,
  experience: experienceReason,
};

/** The factors topReasons can word; reasons.spec.ts checks they are exactly the scorer's. */
export const REASON_FACTORS: readonly string[] = Object.keys(WRITERS);

// --- skills ------------------------------------------------------------------------------------------------

const SKILL_DETAIL =
  /^(\d+) of (\d+) matched(?:, (\d+) below the level asked)?(?:, (\d+) near miss(?:es)?)?$/;

interface SkillCounts {
  matched: number;
  total: number;
  near: number;
}

/** A part that does not apply ('none asked', maxPoints 0) counts zero of everything. */
function skillCounts(part: ScorePart | undefined): SkillCounts | undefined {
  if (!part || part.maxPoints === 0) return { matched: 0, total: 0, near: 0 };
  const m = SKILL_DETAIL.exec(part.detail);
  return m ? { matched: Number(m[1]), total: Number(m[2]), near: Number(m[4] ?? 0) } : undefined;
}

/**
 * `matchedSkills` and `nearMisses` list the must-haves first, then the nice-to-haves; the two parts'
 * counts say where one ends. The counts are checked against the lists, so a mismatch says nothing rather
 * than naming a nice-to-have as required.
 */
function splitSkills(x: MatchExplanation) {
  const must = skillCounts(x.parts.find((p) => p.factor === 'must-have skills'));
  const nice = skillCounts(x.parts.find((p) => p.factor === 'nice-to-have skills'));
  if (!must || !nice) return undefined;
  if (must.matched + nice.matched !== x.matchedSkills.length) return undefined;
  if (must.total - must.matched !== x.missingMustHaves.length) return undefined;
  return {
    must,
    mustMatched: x.matchedSkills.slice(0, must.matched).map((s) => s.label),
    niceMatched: x.matchedSkills.slice(must.matched).map((s) => s.label),
    mustNear: x.nearMisses.slice(0, must.near),
  };
}

function mustHaveReason(_part: ScorePart, { x, lang, isolate }: Ctx): string | undefined {
  const split = splitSkills(x);
  if (!split) return undefined;
  const { must, mustMatched, mustNear } = split;
  const skills = formatList(lang, mustMatched, isolate);
  if (must.matched > 0 && must.matched === must.total) {
    return translate(lang, must.total === 1 ? 'reasons.mustHaveOne' : 'reasons.mustHaveAll', { skills });
  }
  if (must.matched > 0) {
    return translate(lang, 'reasons.mustHaveSome', { matched: must.matched, total: must.total, skills });
  }
  const near = mustNear[0];
  if (!near) return undefined;
  const label = (s: string) => (isolate ? bidiIsolate(lang, s) : s);
  return translate(lang, 'reasons.mustHaveClose', {
    have: label(near.have.label),
    required: label(near.required.label),
  });
}

/** Only skills the candidate has; a near miss on a nice-to-have is too thin to call a reason. */
function niceToHaveReason(_part: ScorePart, { x, lang, isolate }: Ctx): string | undefined {
  const split = splitSkills(x);
  if (!split?.niceMatched.length) return undefined;
  return translate(lang, 'reasons.niceToHave', { skills: formatList(lang, split.niceMatched, isolate) });
}

// --- the rest ----------------------------------------------------------------------------------------------

/** The scorer names the Norwegian requirement 'Norwegian' and separates languages with '; '. */
function languageReason(part: ScorePart, { x, lang }: Ctx): string | undefined {
  if (x.languageGap) return x.languageGap.softened ? translate(lang, 'reasons.languageSupport') : undefined;
  const onlyNorwegian = part.detail.startsWith('Norwegian ') && !part.detail.includes(';');
  return translate(lang, onlyNorwegian ? 'reasons.languageNorwegian' : 'reasons.languageAll');
}

function distanceReason(part: ScorePart, { x, lang }: Ctx): string | undefined {
  if (part.detail === 'remote') return translate(lang, 'reasons.remote');
  if (x.distanceKm === undefined) return undefined;
  return translate(lang, 'reasons.distance', { km: formatKm(lang, x.distanceKm) });
}

/** 'unknown' earns full points (a blank is not held against anyone) but is no reason to apply. */
function availabilityReason(part: ScorePart, { lang }: Ctx): string | undefined {
  if (part.detail.startsWith('available by ')) return translate(lang, 'reasons.availability');
  if (/^available \d+ days? after /.test(part.detail)) return translate(lang, 'reasons.availabilitySoon');
  return undefined;
}

/** Full points with at least one thing actually known ("100% for 100%", "shifts ok"), not only blanks. */
function hoursReason(part: ScorePart, { lang }: Ctx): string | undefined {
  if (part.points < part.maxPoints) return undefined;
  const known = part.detail.split('; ').some((h) => !h.includes('unknown'));
  return known ? translate(lang, 'reasons.hours') : undefined;
}

/** 'open to all types' is true of every opening, so it is no reason for this one. */
function openingTypeReason(part: ScorePart, { lang }: Ctx): string | undefined {
  const m = /^wishes ([a-z-]+)$/.exec(part.detail);
  const type = m && openingTypeName(lang, m[1]);
  return type ? translate(lang, 'reasons.openingType', { type }) : undefined;
}

function experienceReason(part: ScorePart, { lang }: Ctx): string | undefined {
  if (part.detail === 'has worked in the occupation') return translate(lang, 'reasons.experience');
  if (part.detail === 'wishes the occupation') return translate(lang, 'reasons.experienceWish');
  return undefined;
}
