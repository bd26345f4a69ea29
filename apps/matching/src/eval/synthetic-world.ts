/**
 * The synthetic world of the matching eval (eval-matching.ts), drawn from the real ESCO taxonomy: openings
 * that ask for a held-out occupation's essential skills as a coordinator would type them, and candidates whose
 * skills come from the occupation they worked in. Pure and seeded: one taxonomy and one generator state give
 * one world, on every machine.
 *
 * Everything but skills is the same on both sides of every pair (place, Norwegian, availability, hours,
 * permit, opening type), so only skills, and experience when the opening names its occupation, move a score.
 */
import type {
  CandidateScoringFeatures,
  OpeningScoringRequirements,
  SkillRequirement,
} from '@brobygger/contracts';
import { fold, injectTypo } from '@brobygger/taxonomy';

export type Rng = () => number;

/** The rows of a release the world is drawn from; `readTaxonomy`'s output has these shapes. */
export interface TaxonomyRows {
  skills: readonly { id: string; preferredLabel: string }[];
  skillLabels: readonly { skillId: string; lang: string; kind: string; label: string }[];
  occupations: readonly { id: string; iscoGroup: string }[];
  occupationSkills: readonly { occupationId: string; skillId: string; relation: 'essential' | 'optional' }[];
}

export interface WorldTaxonomy {
  preferred: ReadonlyMap<string, string>;
  /** English alternative labels of each skill, without those that are only its preferred label re-cased. */
  alts: ReadonlyMap<string, readonly string[]>;
  essential: ReadonlyMap<string, readonly string[]>;
  optional: ReadonlyMap<string, readonly string[]>;
  iscoGroupOf: ReadonlyMap<string, string>;
  /** Occupations of each ISCO unit group, by id. */
  byIscoGroup: ReadonlyMap<string, readonly string[]>;
  /** The skill of every occupation–skill link, repeats kept: a draw from it favours common skills. */
  linkedSkills: readonly string[];
}

export function worldTaxonomy(rows: TaxonomyRows): WorldTaxonomy {
  const preferred = new Map(rows.skills.map((s) => [s.id, s.preferredLabel]));
  const alts = new Map<string, string[]>();
  for (const l of rows.skillLabels) {
    const own = preferred.get(l.skillId);
    if (l.kind !== 'alt' || l.lang !== 'en' || own === undefined || fold(l.label) === fold(own)) continue;
    push(alts, l.skillId, l.label);
  }
  const essential = new Map<string, string[]>();
  const optional = new Map<string, string[]>();
  for (const l of rows.occupationSkills)
    push(l.relation === 'essential' ? essential : optional, l.occupationId, l.skillId);
  const iscoGroupOf = new Map(rows.occupations.map((o) => [o.id, o.iscoGroup]));
  const byIscoGroup = new Map<string, string[]>();
  for (const o of [...rows.occupations].sort((a, b) => compare(a.id, b.id)))
    push(byIscoGroup, o.iscoGroup, o.id);
  return {
    preferred,
    alts,
    essential,
    optional,
    iscoGroupOf,
    byIscoGroup,
    linkedSkills: rows.occupationSkills.map((l) => l.skillId),
  };
}

// --- openings ------------------------------------------------------------------------------------------------

export interface TypedSkill {
  skillId: string;
  /** An alternative label of the skill (its preferred label when it has none). */
  clean: string;
  /** The same, with a 1–2 character typo when this skill drew one, else `clean`. */
  typed: string;
}

export interface HeldOutOpening {
  occupationId: string;
  skills: TypedSkill[];
}

export interface OpeningOptions {
  count: number;
  /** Only occupations with at least this many essential skills. */
  minEssential: number;
  /** At most this many of them, drawn at random, are asked for. */
  maxMustHaves: number;
  /** Share of the typed skills that get a typo. */
  typoShare: number;
}

/**
 * `count` occupations with at least `minEssential` essential skills and at least one other occupation in
 * their ISCO unit group (so that a hard distractor exists), each as an opening asking for its essential
 * skills as typed: an alternative label each, and a second spelling with a typo on about `typoShare` of them.
 */
export function drawOpenings(t: WorldTaxonomy, rnd: Rng, o: OpeningOptions): HeldOutOpening[] {
  const eligible = [...t.essential.keys()]
    .filter((id) => (t.essential.get(id)?.length ?? 0) >= o.minEssential && siblingsOf(t, id).length > 0)
    .sort(compare);
  return shuffle(eligible, rnd)
    .slice(0, o.count)
    .map((occupationId) => ({
      occupationId,
      skills: shuffle(t.essential.get(occupationId) ?? [], rnd)
        .slice(0, o.maxMustHaves)
        .map((skillId) => {
          const alts = t.alts.get(skillId) ?? [];
          const clean = alts.length ? pick(alts, rnd) : (t.preferred.get(skillId) ?? skillId);
          const typo = rnd() < o.typoShare;
          const edits = rnd() < 0.5 ? 1 : 2;
          return { skillId, clean, typed: typo ? injectTypo(clean, rnd, edits) : clean };
        }),
    }));
}

// --- candidates ----------------------------------------------------------------------------------------------

/** Why a candidate was made: right for an opening, a sibling-occupation distractor, or background. */
export type CandidateRole = 'right' | 'sibling' | 'background';

export interface WorldCandidate {
  id: string;
  occupationId: string;
  role: CandidateRole;
  skillIds: string[];
}

export interface CandidateOptions {
  /** Right candidates per opening, inclusive range. */
  rightPerOpening: readonly [number, number];
  /** Candidates per opening from other occupations of its ISCO unit group. */
  siblingsPerOpening: number;
  /** Candidates from occupations no opening is built from. */
  background: number;
  /** Each candidate keeps this share (drawn per candidate from the range) of their occupation's skills. */
  keepShare: readonly [number, number];
  /** Skills from anywhere added to each candidate, inclusive range. */
  extraSkills: readonly [number, number];
}

/**
 * The candidates: for each opening some from its occupation (its right candidates) and some from sibling
 * occupations in the same ISCO unit group (hard distractors: much the same skills), then background
 * candidates from the other occupations. Each has a random subset of their occupation's essential and optional
 * skills plus a few random ones. Ids are given after a shuffle, so id order (the tie-break) says nothing.
 */
export function drawCandidates(
  t: WorldTaxonomy,
  openings: readonly { occupationId: string }[],
  rnd: Rng,
  o: CandidateOptions,
): WorldCandidate[] {
  const heldOut = new Set(openings.map((x) => x.occupationId));
  const made: Omit<WorldCandidate, 'id'>[] = [];
  const make = (occupationId: string, role: CandidateRole) =>
    made.push({ occupationId, role, skillIds: skillsOf(t, occupationId, rnd, o) });

  for (const opening of openings) {
    const [lo, hi] = o.rightPerOpening;
    const right = lo + Math.floor(rnd() * (hi - lo + 1));
    for (let i = 0; i < right; i++) make(opening.occupationId, 'right');
    const siblings = siblingsOf(t, opening.occupationId);
    // Siblings that are themselves held out would add right candidates of another opening; use them only
    // when the group has nothing else.
    const known = siblings.filter((id) => !heldOut.has(id));
    const pool = known.length ? known : siblings;
    for (let i = 0; i < o.siblingsPerOpening; i++) make(pick(pool, rnd), 'sibling');
  }
  const background = [...new Set([...t.essential.keys(), ...t.optional.keys()])]
    .filter((id) => !heldOut.has(id))
    .sort(compare);
  for (let i = 0; i < o.background; i++) make(pick(background, rnd), 'background');

  const width = String(made.length).length;
  return shuffle(made, rnd).map((c, i) => ({ id: `c${String(i).padStart(width, '0')}`, ...c }));
}

function skillsOf(t: WorldTaxonomy, occupationId: string, rnd: Rng, o: CandidateOptions): string[] {
  const own = [...(t.essential.get(occupationId) ?? []), ...(t.optional.get(occupationId) ?? [])];
  const share = o.keepShare[0] + rnd() * (o.keepShare[1] - o.keepShare[0]);
  const kept = own.filter(() => rnd() < share);
  if (!kept.length && own.length) kept.push(pick(own, rnd));
  const [lo, hi] = o.extraSkills;
  const extra = lo + Math.floor(rnd() * (hi - lo + 1));
  for (let i = 0; i < extra && t.linkedSkills.length; i++) kept.push(pick(t.linkedSkills, rnd));
  return shuffle([...new Set(kept)], rnd);
}

export function siblingsOf(t: WorldTaxonomy, occupationId: string): readonly string[] {
  const group = t.iscoGroupOf.get(occupationId);
  return (group === undefined ? [] : (t.byIscoGroup.get(group) ?? [])).filter((id) => id !== occupationId);
}

// --- what the scorer reads ------------------------------------------------------------------------------------

/** A typed text as the taxonomy service resolves it: its best skill at the service's cut-off, or nothing. */
export type Resolve = (text: string) => { skillId: string; label: string } | undefined;

/** The one date every score is computed on, so the figures do not change with the day they are run. */
export const EVAL_TODAY = '2026-03-02';
const PLACE = { lat: 59.9139, lng: 10.7522 };
const NORWEGIAN_B1 = 3;

/**
 * An opening asking `texts` as must-haves, resolved as the employers service stores them: the skill's id and
 * preferred label when the text resolves, else no id and the text as written; texts resolving to one skill
 * are one requirement (the first wins). Everything else is what every candidate here meets.
 */
export function openingRequirements(
  texts: readonly string[],
  resolve: Resolve,
  occupationId?: string,
): OpeningScoringRequirements {
  const seen = new Set<string>();
  const mustHave: SkillRequirement[] = [];
  for (const text of texts) {
    const r = resolve(text);
    const key = r?.skillId ?? `text:${text.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    mustHave.push(r ? { skillId: r.skillId, label: r.label } : { skillId: null, label: text });
  }
  return {
    type: 'permanent',
    ...(occupationId !== undefined && { occupationId }),
    mustHave,
    niceToHave: [],
    norwegianMin: NORWEGIAN_B1,
    otherLanguages: [],
    workplace: PLACE,
    mode: 'on-site',
    hoursPercent: 100,
    startDate: '2026-03-16',
    drivingLicences: [],
    certificates: [],
    workPermitRequired: true,
    languageSupport: false,
  };
}

/** A candidate as a resolved profile gives them to matching: ESCO ids with preferred labels. */
export function candidateFeatures(
  c: WorldCandidate,
  preferred: ReadonlyMap<string, string>,
): CandidateScoringFeatures {
  return {
    skills: c.skillIds.map((skillId) => ({ skillId, label: preferred.get(skillId) ?? skillId })),
    languages: [{ code: 'nb', spoken: NORWEGIAN_B1, written: NORWEGIAN_B1 }],
    home: PLACE,
    drivingLicences: [],
    certificates: [],
    permit: 'granted',
    availableFrom: EVAL_TODAY,
    hoursPercent: 100,
    wishedOpeningTypes: [],
    wishedOccupationIds: [],
    experienceOccupationIds: [c.occupationId],
  };
}

// --- small things --------------------------------------------------------------------------------------------

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function pick<T>(xs: readonly T[], rnd: Rng): T {
  return xs[Math.min(xs.length - 1, Math.floor(rnd() * xs.length))];
}

/** Fisher–Yates into a copy. */
export function shuffle<T>(xs: readonly T[], rnd: Rng): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
