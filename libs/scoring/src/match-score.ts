import { haversineKm } from '@brobygger/geo';
import type {
  CandidateFeatures,
  OpeningRequirements,
  Proximity,
  SkillClaim,
  SkillRequirement,
} from './features';
import { skillKey } from './skill-key';
import { DEFAULT_WEIGHTS, type Weights } from './weights';

/** The parts of a score, always all eight and in this order; a factor that does not apply has maxPoints 0. */
export const MATCH_FACTORS = [
  'must-have skills',
  'nice-to-have skills',
  'language',
  'distance',
  'availability',
  'hours and shifts',
  'opening type',
  'experience',
] as const;
export type MatchFactor = (typeof MATCH_FACTORS)[number];

const FACTOR_WEIGHT: Record<MatchFactor, Exclude<keyof Weights, 'version'>> = {
  'must-have skills': 'mustHave',
  'nice-to-have skills': 'niceToHave',
  language: 'language',
  distance: 'distance',
  availability: 'availability',
  'hours and shifts': 'hoursAndShifts',
  'opening type': 'openingType',
  experience: 'experience',
};

export type GateKind = 'work-permit' | 'driving-licence' | 'certificate' | 'availability';

export interface Gate {
  gate: GateKind;
  detail: string;
}

/**
 * What a part found, as a code every language can word; `detail` says the same in English for staff. Each
 * factor uses its own few codes (listed by factor below); 'not-asked' is a part that does not apply.
 */
export type PartOutcome =
  | 'not-asked'
  // skills: every one met, some met, none met but some nearly, none at all
  | 'all'
  | 'some'
  | 'near-only'
  | 'none'
  // language: met when only Norwegian was asked, met, short of some level
  | 'met-norwegian'
  | 'met'
  | 'short'
  // distance ('unknown' when home or workplace is: the part then does not apply)
  | 'remote'
  | 'within'
  | 'beyond'
  | 'unknown'
  // availability: by the start, after it (earning part), past the limit (a gate); or 'unknown'
  | 'in-time'
  | 'late'
  | 'too-late'
  // hours and shifts: 'met' (something known), met only because nothing is known, partly
  | 'met-unknown'
  | 'partly'
  // opening type: no wishes, this type wished, another wished; experience: 'worked', 'wished', 'none'
  | 'open'
  | 'wished'
  | 'not-wished'
  | 'worked';

export interface MatchPart {
  factor: MatchFactor;
  points: number;
  maxPoints: number;
  outcome: PartOutcome;
  detail: string;
}

/**
 * Skills carry their ESCO id and the opening's (English or as-typed) label; `mustHave` says whether the
 * opening asked for it as a must-have (else a nice-to-have). Readers render them in their own language from
 * these fields (the id is the key to a localized label, the label the fallback), never from the parts'
 * English details. (`missingMustHaves` needs no flag: every one is a must-have.)
 */
export interface MatchedSkill {
  skillId: string | null;
  label: string;
  mustHave: boolean;
  level?: number;
  minLevel?: number;
}

export interface NearMiss {
  required: { skillId: string | null; label: string };
  have: { skillId: string | null; label: string };
  mustHave: boolean;
  closeness: number;
  reason: string;
}

/** How many of one kind of requirement the candidate meets: exactly, nearly (a neighbour), of how many. */
export interface SkillTally {
  met: number;
  /** Missing, but a neighbouring skill earned partial credit (each is also in `nearMisses`). */
  partial: number;
  total: number;
}

export interface LanguageGap {
  /** 'no' for the Norwegian requirement (met by nb, nn or no), else the opening's code. */
  code: string;
  required: number;
  have: number;
  /** The gap counted less because the opening offers language support. */
  softened: boolean;
}

export interface MatchScoreExplanation {
  weightsVersion: string;
  parts: MatchPart[];
  /** The opening's type, for a reader that words the 'opening type' part. */
  openingType: string;
  mustHave: SkillTally;
  niceToHave: SkillTally;
  /**
   * The opening has must-haves and the candidate meets none of them, not even nearly (met and partial both
   * 0). Such a match is listed after every match that meets some, is never notified automatically, and is
   * hidden from employers unless they ask for it: a list topped by people without a single required skill
   * is one nobody trusts. The must-have part's detail says so in words.
   */
  meetsNoMustHave: boolean;
  matchedSkills: MatchedSkill[];
  missingMustHaves: SkillRequirement[];
  nearMisses: NearMiss[];
  /** The Norwegian gap when there is one, else the first other language short. */
  languageGap?: LanguageGap;
  /** Home to workplace, to 0.1 km; absent for remote openings and unknown places. */
  distanceKm?: number;
  /** Plain-English steps, for the candidate's adviser. */
  toCloseTheGap: string[];
}

export interface MatchScore {
  /** 0–100 to 0.1: exactly the sum of the parts' points. */
  score: number;
  /** Any gate makes the score 0; the parts keep their details and maxPoints to show what else was there. */
  gates: Gate[];
  explanation: MatchScoreExplanation;
}

export interface ScoreOptions {
  /** Validate overrides once with `validateWeights` when loading them; the scorer trusts what it gets. */
  weights?: Weights;
  proximity?: Proximity;
  /** YYYY-MM-DD: the day scored on. Passed in rather than read from the clock so a score is reproducible. */
  today: string;
}

/** A factor's credit 0–1, or null when it does not apply and its share goes to the others. */
interface Assessment {
  credit: number | null;
  outcome: PartOutcome;
  detail: string;
}

/**
 * Scores a candidate against an opening: 0–100 with an explanation whose parts add up to the score.
 *
 * Redistribution: each factor's weight is a share. A factor that says nothing about this pair (no
 * nice-to-haves, no language requirement, no known home or workplace, no start date, no hours or shifts, no
 * occupation) is dropped and the remaining shares are scaled to 100, so a candidate meeting everything the
 * opening asks still scores 100. The points are split in tenths by largest remainder, so the maxima always
 * add up to exactly 100.0.
 *
 * Hard gates (work permit, driving licence, certificate, availability far past the start) make the score 0.
 */
export function scoreMatch(c: CandidateFeatures, o: OpeningRequirements, opts: ScoreOptions): MatchScore {
  const w = opts.weights ?? DEFAULT_WEIGHTS;
  const today = parseDay(opts.today, 'today');
  const gates: Gate[] = [];
  const toCloseTheGap: string[] = [];

  // Only a known 'none' gates. 'applied' is common for refugees in Norway (collective protection, asylum
  // being processed) and must not exclude anyone; 'unknown' is missing data, not a missing permit. Neither
  // costs points: the permit is a gate, not a factor.
  if (o.workPermitRequired && c.permit === 'none') {
    gates.push({ gate: 'work-permit', detail: 'the opening requires a work permit; the candidate has none' });
    toCloseTheGap.push('Get a work permit');
  }

  const held = heldLicences(c.drivingLicences);
  const missingLicences = unique(o.drivingLicences.map(licenceClass)).filter((l) => !held.has(l));
  if (missingLicences.length) {
    gates.push({ gate: 'driving-licence', detail: `requires class ${missingLicences.join(', ')}` });
    for (const l of missingLicences) toCloseTheGap.push(`Get driving licence class ${l}`);
  }

  const certificates = new Set(c.certificates.map(certificateKey));
  const missingCertificates = unique(o.certificates).filter((x) => !certificates.has(certificateKey(x)));
  if (missingCertificates.length) {
    gates.push({ gate: 'certificate', detail: `requires ${missingCertificates.join(', ')}` });
    for (const x of missingCertificates) toCloseTheGap.push(`Get ${x}`);
  }

  const mustHave = uniqueRequirements(o.mustHave);
  const mustKeys = new Set(mustHave.map(requirementKey));
  // A skill listed as both must-have and nice-to-have counts once, as a must-have.
  const niceToHave = uniqueRequirements(o.niceToHave).filter((r) => !mustKeys.has(requirementKey(r)));
  const must = assessSkills(mustHave, c.skills, w, opts.proximity, true);
  const nice = assessSkills(niceToHave, c.skills, w, opts.proximity, false);
  for (const r of must.missing) toCloseTheGap.push(`Learn ${r.label}`);
  for (const s of must.belowLevel) {
    toCloseTheGap.push(`Reach level ${s.minLevel} in ${s.label} (now ${s.level})`);
  }

  const language = assessLanguages(c, o, w);
  toCloseTheGap.push(...language.suggestions);

  const distance = assessDistance(c, o, w);
  const availability = assessAvailability(c, o, w, today);
  if (availability.gate) gates.push(availability.gate);

  const assessments: Record<MatchFactor, Assessment> = {
    'must-have skills': must.assessment,
    'nice-to-have skills': nice.assessment,
    language: language.assessment,
    distance: distance.assessment,
    availability: availability.assessment,
    'hours and shifts': assessHoursAndShifts(c, o),
    'opening type': assessOpeningType(c, o),
    experience: assessExperience(c, o),
  };

  const maxTenths = allocateTenths(
    MATCH_FACTORS.map((f) => (assessments[f].credit === null ? 0 : w[FACTOR_WEIGHT[f]])),
  );
  const pointTenths = MATCH_FACTORS.map((f, i) => {
    const credit = assessments[f].credit;
    // The epsilon keeps a product that is exactly .5 on paper but a hair below in floating point
    // rounding up, as the hand-computed numbers in the tests do.
    return gates.length || credit === null ? 0 : Math.round(maxTenths[i] * clamp01(credit) + 1e-9);
  });
  const parts = MATCH_FACTORS.map((factor, i): MatchPart => ({
    factor,
    points: pointTenths[i] / 10,
    maxPoints: maxTenths[i] / 10,
    outcome: assessments[factor].outcome,
    detail: assessments[factor].detail,
  }));

  return {
    // Summed in whole tenths, so the score is exactly the sum of the rounded parts.
    score: pointTenths.reduce((a, b) => a + b, 0) / 10,
    gates,
    explanation: {
      weightsVersion: w.version,
      parts,
      openingType: o.type,
      mustHave: must.tally,
      niceToHave: nice.tally,
      meetsNoMustHave: must.meetsNone,
      matchedSkills: [...must.matched, ...nice.matched],
      missingMustHaves: must.missing,
      nearMisses: [...must.nearMisses, ...nice.nearMisses],
      ...(language.gap && { languageGap: language.gap }),
      ...(distance.km !== undefined && { distanceKm: Math.round(distance.km * 10) / 10 }),
      toCloseTheGap,
    },
  };
}

/** Largest-remainder split of 1000 tenths by weight; a zero weight gets nothing. */
function allocateTenths(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return weights.map(() => 0);
  const exact = weights.map((x) => (x * 1000) / total);
  const tenths = exact.map(Math.floor);
  let left = 1000 - tenths.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((e, i) => ({ i, rest: e - tenths[i] }))
    .filter(({ i }) => weights[i] > 0)
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    tenths[i]++;
    left--;
  }
  return tenths;
}

// --- skills ------------------------------------------------------------------------------------------------

interface SkillOutcome {
  assessment: Assessment;
  tally: SkillTally;
  matched: MatchedSkill[];
  missing: SkillRequirement[];
  nearMisses: NearMiss[];
  belowLevel: { label: string; level: number; minLevel: number }[];
  /** See `meetsNoMustHave`. */
  meetsNone: boolean;
}

/** Ids when both sides have one; otherwise the label is all the two have in common. */
function sameSkill(r: SkillRequirement, s: SkillClaim): boolean {
  return r.skillId && s.skillId ? r.skillId === s.skillId : skillKey(r.label) === skillKey(s.label);
}

function requirementKey(r: SkillRequirement): string {
  return r.skillId ?? `label:${skillKey(r.label)}`;
}

function uniqueRequirements(rs: SkillRequirement[]): SkillRequirement[] {
  const seen = new Set<string>();
  return rs.filter((r) => {
    const key = requirementKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * An unrecorded level counts as meeting the minimum: levels are rarely filled in, and treating a blank as
 * a shortfall would punish candidates for how busy their adviser was.
 */
function levelCredit(level: number | undefined, minLevel: number | undefined, w: Weights): number {
  if (level === undefined || minLevel === undefined || level >= minLevel) return 1;
  return Math.max(0, 1 - w.levelShortfallPenalty * (minLevel - level));
}

function assessSkills(
  requirements: SkillRequirement[],
  have: SkillClaim[],
  w: Weights,
  proximity: Proximity | undefined,
  mustHave: boolean,
): SkillOutcome {
  const out: SkillOutcome = {
    assessment: { credit: null, outcome: 'not-asked', detail: 'none asked' },
    tally: { met: 0, partial: 0, total: requirements.length },
    matched: [],
    missing: [],
    nearMisses: [],
    belowLevel: [],
    meetsNone: false,
  };
  if (!requirements.length) return out;

  let total = 0;
  for (const r of requirements) {
    // The best exact match: a candidate may list one skill twice with different levels.
    let exact: { skill: SkillClaim; credit: number } | undefined;
    for (const s of have) {
      if (!sameSkill(r, s)) continue;
      const credit = levelCredit(s.level, r.minLevel, w);
      if (!exact || credit > exact.credit) exact = { skill: s, credit };
    }
    if (exact) {
      total += exact.credit;
      const { level } = exact.skill;
      out.matched.push({
        skillId: r.skillId ?? exact.skill.skillId,
        label: r.label,
        mustHave,
        ...(level !== undefined && { level }),
        ...(r.minLevel !== undefined && { minLevel: r.minLevel }),
      });
      if (level !== undefined && r.minLevel !== undefined && level < r.minLevel) {
        out.belowLevel.push({ label: r.label, level, minLevel: r.minLevel });
      }
      continue;
    }

    out.missing.push(r);
    const near = nearestSkill(r, have, w, proximity);
    if (near) {
      total += near.credit;
      out.nearMisses.push({ ...near.miss, mustHave });
    }
  }

  const n = requirements.length;
  out.tally = { met: out.matched.length, partial: out.nearMisses.length, total: n };
  const parts = [`${out.matched.length} of ${n} matched`];
  if (out.belowLevel.length) parts.push(`${out.belowLevel.length} below the level asked`);
  if (out.nearMisses.length)
    parts.push(`${out.nearMisses.length} near ${plural(out.nearMisses.length, 'miss')}`);
  let detail = parts.join(', ');
  out.meetsNone = mustHave && meetsNone(out.tally, requirements);
  if (out.meetsNone) {
    detail += '; meets no must-have, not even nearly: listed after those who meet some, not notified';
  }
  const { met, partial } = out.tally;
  const outcome = met === n ? 'all' : met > 0 ? 'some' : partial > 0 ? 'near-only' : 'none';
  out.assessment = { credit: total / n, outcome, detail };
  return out;
}

/**
 * The rule of `meetsNoMustHave`: must-haves asked, none met, none nearly. Only must-haves the taxonomy resolved
 * count as asked: one kept as bare text can match only the same words and has no neighbours to come near, so an
 * opening whose must-haves are all unresolved text would otherwise hide every candidate.
 */
function meetsNone(t: SkillTally, requirements: SkillRequirement[]): boolean {
  return requirements.some((r) => r.skillId) && t.met === 0 && t.partial === 0;
}

/** The candidate's skill closest to a requirement they lack; the first listed wins a tie. */
function nearestSkill(
  r: SkillRequirement,
  have: SkillClaim[],
  w: Weights,
  proximity: Proximity | undefined,
): { credit: number; miss: Omit<NearMiss, 'mustHave'> } | undefined {
  if (!proximity || !r.skillId) return undefined;
  let best: { credit: number; miss: Omit<NearMiss, 'mustHave'> } | undefined;
  for (const s of have) {
    if (!s.skillId) continue;
    const p = proximity.closeness(r.skillId, s.skillId);
    if (!p || !(p.score > 0)) continue;
    const closeness = Math.min(1, p.score);
    const credit = w.nearMissFactor * closeness * levelCredit(s.level, r.minLevel, w);
    if (best && credit <= best.credit) continue;
    best = {
      credit,
      miss: {
        required: { skillId: r.skillId, label: r.label },
        have: { skillId: s.skillId, label: s.label },
        closeness,
        reason: p.reason,
      },
    };
  }
  return best;
}

// --- language ----------------------------------------------------------------------------------------------

const NORWEGIAN_CODES: readonly string[] = ['nb', 'nn', 'no'];
const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
const NATIVE = 7;
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

function levelName(level: number): string {
  if (level <= 0) return 'unknown';
  if (level >= NATIVE) return 'native';
  return CEFR[level - 1] ?? String(level);
}

function languageName(code: string): string {
  if (NORWEGIAN_CODES.includes(code)) return 'Norwegian';
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The best spoken level among the candidate's entries for a language; Bokmål, Nynorsk and "no" are one. */
function spokenLevel(c: CandidateFeatures, code: string): number {
  const codes = NORWEGIAN_CODES.includes(code) ? NORWEGIAN_CODES : [code];
  let best = 0;
  for (const l of c.languages) {
    if (codes.includes(l.code.toLowerCase())) best = Math.max(best, l.spoken);
  }
  return best;
}

function assessLanguages(
  c: CandidateFeatures,
  o: OpeningRequirements,
  w: Weights,
): { assessment: Assessment; gap?: LanguageGap; suggestions: string[] } {
  const required: { code: string; min: number; norwegian: boolean }[] = [];
  if (o.norwegianMin !== undefined && o.norwegianMin > 0) {
    required.push({ code: 'no', min: o.norwegianMin, norwegian: true });
  }
  for (const l of o.otherLanguages) {
    if (l.min > 0) required.push({ code: l.code.toLowerCase(), min: l.min, norwegian: false });
  }
  if (!required.length) {
    return { assessment: { credit: null, outcome: 'not-asked', detail: 'none asked' }, suggestions: [] };
  }

  let total = 0;
  let gap: LanguageGap | undefined;
  const details: string[] = [];
  const suggestions: string[] = [];
  for (const r of required) {
    const have = spokenLevel(c, r.code);
    const short = Math.max(0, r.min - have);
    // Support on the job closes one level in practice; a bigger gap is more than support can carry.
    const softened = r.norwegian && short === 1 && o.languageSupport;
    const counted = softened ? short * w.languageSupportSoftening : short;
    total += Math.max(0, 1 - counted * w.languageShortfallPenalty);

    const name = languageName(r.code);
    details.push(
      `${name} ${levelName(have)} for ${levelName(r.min)}${softened ? ' (half: language support)' : ''}`,
    );
    if (short > 0) {
      gap ??= { code: r.code, required: r.min, have, softened };
      suggestions.push(
        `Reach ${name} ${levelName(r.min)} (${have > 0 ? `now ${levelName(have)}` : 'no level recorded'})`,
      );
    }
  }
  return {
    assessment: {
      credit: total / required.length,
      outcome: suggestions.length ? 'short' : required.every((r) => r.norwegian) ? 'met-norwegian' : 'met',
      detail: details.join('; '),
    },
    ...(gap && { gap }),
    suggestions,
  };
}

// --- distance ----------------------------------------------------------------------------------------------

/** Hybrid counts as on-site: the candidate still has to get there some days a week. */
function assessDistance(
  c: CandidateFeatures,
  o: OpeningRequirements,
  w: Weights,
): { assessment: Assessment; km?: number } {
  if (o.mode === 'remote') return { assessment: { credit: 1, outcome: 'remote', detail: 'remote' } };
  if (!c.home || !o.workplace) {
    return { assessment: { credit: null, outcome: 'unknown', detail: 'unknown' } };
  }
  const km = haversineKm(c.home, o.workplace);
  const radius = c.commuteKm ?? w.defaultCommuteKm;
  const zeroAt = radius * w.distanceZeroAtRadius;
  const credit = km <= radius ? 1 : km >= zeroAt ? 0 : 1 - (km - radius) / (zeroAt - radius);
  const within = `full within ${radius} km, none beyond ${round1(zeroAt)} km`;
  return {
    assessment: {
      credit,
      outcome: km <= radius ? 'within' : 'beyond',
      detail: `${round1(km)} km (${within})`,
    },
    km,
  };
}

// --- availability ------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function parseDay(s: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== s) {
    throw new RangeError(`scoreMatch: ${field} must be a YYYY-MM-DD date (got ${JSON.stringify(s)})`);
  }
  return ms / DAY_MS;
}

/**
 * Days late are counted from the start date, or from today once the start date has passed: an opening still
 * open after its start wants someone now, and counting from a date months gone would gate everyone.
 */
function assessAvailability(
  c: CandidateFeatures,
  o: OpeningRequirements,
  w: Weights,
  today: number,
): { assessment: Assessment; gate?: Gate } {
  if (!o.startDate) return { assessment: { credit: null, outcome: 'not-asked', detail: 'no start date' } };
  if (!c.availableFrom) return { assessment: { credit: 1, outcome: 'unknown', detail: 'unknown' } };
  const start = parseDay(o.startDate, 'startDate');
  const from = start >= today ? 'the start date' : 'today (the start date has passed)';
  const late = parseDay(c.availableFrom, 'availableFrom') - Math.max(start, today);
  if (late <= 0) return { assessment: { credit: 1, outcome: 'in-time', detail: `available by ${from}` } };
  const detail = `available ${late} ${plural(late, 'day')} after ${from} (limit ${w.availabilityGateDays})`;
  if (late > w.availabilityGateDays) {
    return { assessment: { credit: 0, outcome: 'too-late', detail }, gate: { gate: 'availability', detail } };
  }
  return { assessment: { credit: 1 - late / w.availabilityGateDays, outcome: 'late', detail } };
}

// --- the small factors -------------------------------------------------------------------------------------

/** Hours and shifts each make half, when the opening asks about both; an unstated wish counts as fine. */
function assessHoursAndShifts(c: CandidateFeatures, o: OpeningRequirements): Assessment {
  const halves: { credit: number; known: boolean; detail: string }[] = [];
  if (o.hoursPercent !== undefined && o.hoursPercent > 0) {
    halves.push(
      c.hoursPercent === undefined
        ? { credit: 1, known: false, detail: 'hours unknown' }
        : {
            credit: Math.min(1, c.hoursPercent / o.hoursPercent),
            known: true,
            detail: `${c.hoursPercent}% for ${o.hoursPercent}%`,
          },
    );
  }
  if (o.shifts === true) {
    halves.push(
      c.shiftsOk === undefined
        ? { credit: 1, known: false, detail: 'shifts: wish unknown' }
        : c.shiftsOk
          ? { credit: 1, known: true, detail: 'shifts ok' }
          : { credit: 0, known: true, detail: 'shifts asked, not wanted' },
    );
  }
  if (!halves.length) return { credit: null, outcome: 'not-asked', detail: 'none asked' };
  const full = halves.every((h) => h.credit === 1);
  return {
    credit: halves.reduce((a, h) => a + h.credit, 0) / halves.length,
    outcome: !full ? 'partly' : halves.some((h) => h.known) ? 'met' : 'met-unknown',
    detail: halves.map((h) => h.detail).join('; '),
  };
}

/** No wish means open to every type. */
function assessOpeningType(c: CandidateFeatures, o: OpeningRequirements): Assessment {
  if (!c.wishedOpeningTypes.length) return { credit: 1, outcome: 'open', detail: 'open to all types' };
  return c.wishedOpeningTypes.includes(o.type)
    ? { credit: 1, outcome: 'wished', detail: `wishes ${o.type}` }
    : {
        credit: 0,
        outcome: 'not-wished',
        detail: `wishes ${c.wishedOpeningTypes.join(', ')}; this is ${o.type}`,
      };
}

/** Experience in the occupation earns it all; only wishing for it, half. */
function assessExperience(c: CandidateFeatures, o: OpeningRequirements): Assessment {
  if (!o.occupationId) return { credit: null, outcome: 'not-asked', detail: 'no occupation' };
  if (c.experienceOccupationIds.includes(o.occupationId)) {
    return { credit: 1, outcome: 'worked', detail: 'has worked in the occupation' };
  }
  if (c.wishedOccupationIds.includes(o.occupationId)) {
    return { credit: 0.5, outcome: 'wished', detail: 'wishes the occupation' };
  }
  return { credit: 0, outcome: 'none', detail: 'neither experience nor a wish' };
}

// --- gates' helpers ----------------------------------------------------------------------------------------

/**
 * Higher classes that include lower ones, and nothing else. Deliberately literal: in practice a C holder has
 * B too (B comes first), but then the profile should say so, and guessing classes would hide gaps in the data
 * that an adviser can fix in a minute.
 */
const LICENCE_IMPLIES: Readonly<Record<string, readonly string[]>> = {
  BE: ['B'],
  CE: ['C', 'C1'],
  C: ['C1'],
  DE: ['D'],
  D: ['D1'],
};

function licenceClass(s: string): string {
  return s.trim().toUpperCase();
}

/** The classes held, with everything they imply (followed transitively: CE → C → C1). */
function heldLicences(held: string[]): Set<string> {
  const out = new Set<string>();
  const queue = held.map(licenceClass);
  for (let l = queue.pop(); l !== undefined; l = queue.pop()) {
    if (out.has(l)) continue;
    out.add(l);
    queue.push(...(LICENCE_IMPLIES[l] ?? []));
  }
  return out;
}

/** "Truckførerbevis T1", "truckførerbevis  t1" and "TruckførerbevisT1" are one certificate. */
function certificateKey(s: string): string {
  return skillKey(s).replace(/ /g, '');
}

// --- small things ------------------------------------------------------------------------------------------

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function plural(n: number, word: string): string {
  if (n === 1) return word;
  return word.endsWith('s') ? `${word}es` : `${word}s`;
}
