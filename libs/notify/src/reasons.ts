import type { MatchExplanation, ScorePart } from '@brobygger/contracts';
import { bidiIsolate, formatKm, formatList, openingTypeName, translate, type Lang } from './catalogue';

/*
 * Reasons are worded from the explanation's fields only: each part's `outcome` code, the skill tallies, each
 * skill's id, label and must-have flag, the distance, the opening type. The parts' English `detail` is for
 * staff and never read here. An explanation stored before w3 lacks these fields and gives fewer reasons
 * (none about its skills), never wrong ones, until the rescoring w3 starts refreshes it. reasons.spec.ts runs
 * the real scorer, so drift between the two fails a test instead of going quiet.
 *
 * Only what helps: a part that earned points from missing data ("unknown"), or that records a shortfall
 * (a language gap without support, hours only partly matching), gives no reason. The candidate's adviser
 * sees gaps; a notification is not the place for them.
 */

/**
 * A skill's name in the reader's language: its ESCO id (null for a text that never resolved) and the label
 * the explanation stored (the opening's, often English), to fall back on. The caller picks the language.
 */
export type SkillLabel = (skillId: string | null, fallback: string) => string;

/** The stored label, as it was typed or resolved: what reasons say until localized labels are fed in. */
export const storedSkillLabel: SkillLabel = (_skillId, fallback) => fallback;

export interface ReasonOptions {
  /** Bidi-isolate labels in right-to-left languages (see bidiIsolate); on by default, off for SMS. */
  isolate?: boolean;
  /** Skill names in the reader's language; by default the stored label. */
  skillLabel?: SkillLabel;
}

/**
 * The strongest reasons for a match, in plain words in the candidate's language: the parts with the most
 * points first (ties keep the scorer's order), parts with no points left out.
 */
export function topReasons(
  explanation: MatchExplanation,
  lang: Lang,
  n = 3,
  { isolate = true, skillLabel = storedSkillLabel }: ReasonOptions = {},
): string[] {
  const ctx: Ctx = {
    x: explanation,
    lang,
    label: (s) => {
      const name = skillLabel(s.skillId, s.label);
      return isolate ? bidiIsolate(lang, name) : name;
    },
  };
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
  /** A skill's name as the reader sees it: localized, and isolated when asked. */
  label: (skill: { skillId: string | null; label: string }) => string;
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

/**
 * Must-haves come from the explanation's fields (`mustHave`, and the skills' `mustHave` flags), never from
 * the English detail. An explanation stored before weights w3 has no such fields: it gives no skill reason
 * (the rescoring a new weights version starts refreshes it), rather than a guess.
 */
function mustHaveReason(_part: ScorePart, { x, lang, label }: Ctx): string | undefined {
  const must = x.mustHave;
  if (!must) return undefined;
  const skills = formatList(lang, x.matchedSkills.filter((s) => s.mustHave === true).map(label));
  if (must.met > 0 && must.met === must.total) {
    return translate(lang, must.total === 1 ? 'reasons.mustHaveOne' : 'reasons.mustHaveAll', { skills });
  }
  if (must.met > 0) {
    return translate(lang, 'reasons.mustHaveSome', { matched: must.met, total: must.total, skills });
  }
  const near = x.nearMisses.find((n) => n.mustHave === true);
  if (!near) return undefined;
  return translate(lang, 'reasons.mustHaveClose', { have: label(near.have), required: label(near.required) });
}

/** Only skills the candidate has; a near miss on a nice-to-have is too thin to call a reason. */
function niceToHaveReason(_part: ScorePart, { x, lang, label }: Ctx): string | undefined {
  if (!x.niceToHave?.met) return undefined;
  const nice = x.matchedSkills.filter((s) => s.mustHave === false).map(label);
  return nice.length ? translate(lang, 'reasons.niceToHave', { skills: formatList(lang, nice) }) : undefined;
}

// --- the rest: each part's outcome code ---------------------------------------------------------------------

function languageReason(part: ScorePart, { x, lang }: Ctx): string | undefined {
  if (part.outcome === 'short') {
    return x.languageGap?.softened ? translate(lang, 'reasons.languageSupport') : undefined;
  }
  if (part.outcome === 'met-norwegian') return translate(lang, 'reasons.languageNorwegian');
  if (part.outcome === 'met') return translate(lang, 'reasons.languageAll');
  return undefined;
}

/** A distance is a reason when it earned points ('beyond' the radius still may, a little). */
function distanceReason(part: ScorePart, { x, lang }: Ctx): string | undefined {
  if (part.outcome === 'remote') return translate(lang, 'reasons.remote');
  if ((part.outcome !== 'within' && part.outcome !== 'beyond') || x.distanceKm === undefined)
    return undefined;
  return translate(lang, 'reasons.distance', { km: formatKm(lang, x.distanceKm) });
}

/** 'unknown' earns full points (a blank is not held against anyone) but is no reason to apply. */
function availabilityReason(part: ScorePart, { lang }: Ctx): string | undefined {
  if (part.outcome === 'in-time') return translate(lang, 'reasons.availability');
  if (part.outcome === 'late') return translate(lang, 'reasons.availabilitySoon');
  return undefined;
}

/** Full points with at least one thing actually known ("100% for 100%", "shifts ok"), not only blanks. */
function hoursReason(part: ScorePart, { lang }: Ctx): string | undefined {
  return part.outcome === 'met' ? translate(lang, 'reasons.hours') : undefined;
}

/** 'open' (no wishes) is true of every opening, so it is no reason for this one. */
function openingTypeReason(part: ScorePart, { x, lang }: Ctx): string | undefined {
  const type = part.outcome === 'wished' && x.openingType && openingTypeName(lang, x.openingType);
  return type ? translate(lang, 'reasons.openingType', { type }) : undefined;
}

function experienceReason(part: ScorePart, { lang }: Ctx): string | undefined {
  if (part.outcome === 'worked') return translate(lang, 'reasons.experience');
  if (part.outcome === 'wished') return translate(lang, 'reasons.experienceWish');
  return undefined;
}
