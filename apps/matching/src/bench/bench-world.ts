/**
 * The data of the matching benchmark (matching-bench.ts), drawn from the real ESCO taxonomy: one opening that
 * asks for an occupation's essential skills, and N candidates whose skills are a random part of their own
 * occupation's essential and optional skills. Pure and seeded: one taxonomy, one seed and one `today` give
 * the same opening and the same candidates, in the same order, on every machine.
 *
 * Unlike the eval's world (../eval/synthetic-world.ts), where everything but skills is equal so that only
 * skills move a score, every factor varies here as in a real caseload (languages, home, permit, licences,
 * availability, hours, wishes), so the scorer takes every path it takes in production: gates, near misses,
 * level shortfalls, unresolved skill texts compared by label.
 */
import type {
  CandidateMatchingFeatures,
  CandidateScoringFeatures,
  GeoPoint,
  OpeningRequirements,
  SkillClaim,
  SkillRequirement,
} from '@brobygger/contracts';
import { OPENING_TYPES } from '@brobygger/contracts';
import { skillKey } from '@brobygger/scoring';
// Bench tooling shared with the search benchmark; neither is part of a service.
import { between, pick, sample, weighted, type Rng } from '../../../candidates/src/bench/synthetic';
import type { WorldTaxonomy } from '../eval/synthetic-world';

export interface BenchWorldOptions {
  /** YYYY-MM-DD: the day the matching service scores on, so dates keep their distance to it in every run. */
  today: string;
  /** Homes are drawn from these (postcode points: denser where more people live) with a few km of jitter. */
  places: readonly GeoPoint[];
}

/** Must-haves asked of the opening, drawn from its occupation's essential skills; two of them with a level. */
const MUST_HAVES = 8;
const LEVELLED_MUST_HAVES = 2;
const NICE_TO_HAVES = 4;
/** Where candidates come from: the opening's own occupation, another of its ISCO unit group, anywhere. */
const OWN_OCCUPATION_SHARE = 0.03;
const SIBLING_SHARE = 0.1;
/** Skills per candidate from their occupation (inclusive), plus a few from anywhere. */
const OWN_SKILLS: readonly [number, number] = [4, 15];
const EXTRA_SKILLS: readonly [number, number] = [0, 2];
/** Share of skills recorded with a level, and of skills left as text the taxonomy did not resolve. */
const LEVELLED_SHARE = 0.5;
const UNRESOLVED_SHARE = 0.05;
const MATCHABLE_SHARE = 0.97;
const NOTIFY_SHARE = 0.9;

const DAY_MS = 86_400_000;
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A version 4 UUID from the generator: the same seed gives the same ids, so chunk ranges repeat too. */
export function seededUuid(rnd: Rng): string {
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(rnd() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** The occupations an opening may be built from: enough essential and optional skills, and a sibling. */
function openingOccupations(t: WorldTaxonomy): string[] {
  return [...t.essential.keys()]
    .filter((id) => {
      const group = t.byIscoGroup.get(t.iscoGroupOf.get(id) ?? '') ?? [];
      return (
        (t.essential.get(id)?.length ?? 0) >= MUST_HAVES &&
        (t.optional.get(id)?.length ?? 0) >= NICE_TO_HAVES &&
        group.length > 1
      );
    })
    .sort();
}

/**
 * A published opening in a city: 8 of its occupation's essential skills as must-haves (two at level 3), 4
 * optional ones as nice-to-haves, Norwegian B1 with language support on the job, full time with shifts,
 * starting in a month, a work permit required. No licence or certificate, so gates are rare (a missing
 * permit, availability too late) and most candidates get a real score.
 */
export function drawOpening(
  t: WorldTaxonomy,
  rnd: Rng,
  o: {
    today: string;
    workplace: GeoPoint & { name: string };
    titleOf: (occupationId: string) => string;
  },
): OpeningRequirements {
  const occupationId = pick(rnd, openingOccupations(t));
  const requirement = (skillId: string): SkillRequirement => ({
    skillId,
    label: t.preferred.get(skillId) ?? skillId,
  });
  const mustHave = sample(rnd, t.essential.get(occupationId) ?? [], MUST_HAVES).map((id, i) => ({
    ...requirement(id),
    ...(i < LEVELLED_MUST_HAVES ? { minLevel: 3 } : {}),
  }));
  const title = o.titleOf(occupationId);
  const startDate = addDays(o.today, 30);
  return {
    openingId: seededUuid(rnd),
    employerId: seededUuid(rnd),
    version: 1,
    status: 'published',
    title,
    display: { title, type: 'permanent', employerName: 'Benk AS', place: o.workplace.name, startDate },
    requirements: {
      type: 'permanent',
      occupationId,
      mustHave,
      niceToHave: sample(rnd, t.optional.get(occupationId) ?? [], NICE_TO_HAVES).map(requirement),
      norwegianMin: 3,
      otherLanguages: [],
      workplace: { lat: o.workplace.lat, lng: o.workplace.lng },
      mode: 'on-site',
      hoursPercent: 100,
      shifts: true,
      startDate,
      drivingLicences: [],
      certificates: [],
      workPermitRequired: true,
      languageSupport: true,
    },
  };
}

const NATIVE: readonly string[] = ['ar', 'ti', 'uk', 'so', 'fa', 'pl'];
/** Spoken Norwegian among newcomers (1–6 = A1–C2): mostly beginners and intermediates. */
const NB_LEVELS: readonly (readonly [number, number])[] = [
  [1, 15],
  [2, 25],
  [3, 30],
  [4, 18],
  [5, 9],
  [6, 3],
];
const LICENCE_SETS: readonly (readonly [string[], number])[] = [
  [[], 40],
  [['B'], 40],
  [['B', 'BE'], 10],
  [['B', 'C1', 'C'], 6],
  [['B', 'C', 'CE', 'D'], 4],
];
const PERMITS: readonly (readonly [CandidateScoringFeatures['permit'], number])[] = [
  ['granted', 65],
  ['applied', 15],
  ['not-required', 10],
  ['unknown', 5],
  ['none', 5],
];
const CERTIFICATES: readonly string[] = ['Truckførerbevis T1', 'Hot work', 'HMS-kort', 'Førstehjelp'];

export interface CandidateDrawer {
  /** The next candidate; one random stream feeds them all, so call it in order. */
  next(): CandidateMatchingFeatures;
}

/**
 * Candidates for the opening's occupation: 3% from it, 10% from another occupation of its ISCO unit group (much
 * the same skills), the rest from any occupation with at least four skills. Each holds 4–15 of their
 * occupation's skills and 0–2 from anywhere, half with a level; 5% of skills are text the taxonomy did not
 * resolve (an alternative label, never one that reads as some skill's preferred label, so such a text can
 * never match a requirement and an id match is the only match: skill-bitsets.ts relies on it).
 */
export function candidateDrawer(
  t: WorldTaxonomy,
  openingOccupationId: string,
  rnd: Rng,
  o: BenchWorldOptions,
): CandidateDrawer {
  const own = (id: string) => [...(t.essential.get(id) ?? []), ...(t.optional.get(id) ?? [])];
  const anywhere = [...new Set([...t.essential.keys(), ...t.optional.keys()])]
    .filter((id) => own(id).length >= 4)
    .sort();
  const siblings = (t.byIscoGroup.get(t.iscoGroupOf.get(openingOccupationId) ?? '') ?? []).filter(
    (id) => id !== openingOccupationId && own(id).length >= 4,
  );
  const preferredKeys = new Set([...t.preferred.values()].map(skillKey));
  const unresolvedTexts = new Map<string, string[]>();
  const textsOf = (skillId: string) => {
    let texts = unresolvedTexts.get(skillId);
    if (!texts) {
      texts = (t.alts.get(skillId) ?? []).filter((alt) => !preferredKeys.has(skillKey(alt)));
      unresolvedTexts.set(skillId, texts);
    }
    return texts;
  };
  const claim = (skillId: string): SkillClaim => {
    const texts = textsOf(skillId);
    if (texts.length && rnd() < UNRESOLVED_SHARE) return { skillId: null, label: pick(rnd, texts) };
    return {
      skillId,
      label: t.preferred.get(skillId) ?? skillId,
      ...(rnd() < LEVELLED_SHARE ? { level: between(rnd, 1, 5) } : {}),
    };
  };
  const home = (): GeoPoint | undefined => {
    if (rnd() < 0.05) return undefined;
    const p = pick(rnd, o.places);
    // ±0.05° is about ±5 km north–south and ±2.5 km east–west at these latitudes.
    return { lat: p.lat + (rnd() - 0.5) * 0.1, lng: p.lng + (rnd() - 0.5) * 0.1 };
  };

  return {
    next() {
      const from = rnd();
      const occupationId =
        from < OWN_OCCUPATION_SHARE
          ? openingOccupationId
          : from < OWN_OCCUPATION_SHARE + SIBLING_SHARE && siblings.length
            ? pick(rnd, siblings)
            : pick(rnd, anywhere);
      const skillIds = new Set(sample(rnd, own(occupationId), between(rnd, ...OWN_SKILLS)));
      for (let i = between(rnd, ...EXTRA_SKILLS); i > 0; i--) skillIds.add(pick(rnd, t.linkedSkills));
      const available = rnd() < 0.8 ? addDays(o.today, between(rnd, -60, 150)) : undefined;
      const shifts = rnd();
      const where = home();
      const features: CandidateScoringFeatures = {
        skills: [...skillIds].map(claim),
        languages: [
          { code: pick(rnd, NATIVE), spoken: 7, written: 7 },
          { code: 'nb', spoken: weighted(rnd, NB_LEVELS), written: weighted(rnd, NB_LEVELS) },
          ...(rnd() < 0.4 ? [{ code: 'en', spoken: between(rnd, 2, 6), written: between(rnd, 2, 6) }] : []),
        ],
        ...(where ? { home: where } : {}),
        ...(rnd() < 0.3 ? { commuteKm: between(rnd, 10, 60) } : {}),
        drivingLicences: weighted(rnd, LICENCE_SETS),
        certificates: rnd() < 0.15 ? [pick(rnd, CERTIFICATES)] : [],
        permit: weighted(rnd, PERMITS),
        ...(available ? { availableFrom: available } : {}),
        hoursPercent: pick(rnd, [50, 80, 100, 100]),
        ...(shifts < 0.8 ? { shiftsOk: shifts < 0.5 } : {}),
        wishedOpeningTypes: sample(rnd, OPENING_TYPES, between(rnd, 0, 3)),
        wishedOccupationIds: rnd() < 0.3 ? [occupationId] : [],
        experienceOccupationIds: rnd() < 0.8 ? [occupationId] : [],
      };
      return {
        candidateId: seededUuid(rnd),
        version: between(rnd, 1, 3),
        matchable: rnd() < MATCHABLE_SHARE,
        notifyInApp: rnd() < NOTIFY_SHARE,
        shareWithEmployers: rnd() < 0.5,
        features,
      };
    },
  };
}
