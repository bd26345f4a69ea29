import { seededRandom } from '@brobygger/taxonomy';
import type { Client } from 'pg';
import {
  CEFR_LEVELS,
  OPENING_TYPES,
  type CefrLevel,
  type CreateCandidateDto,
  type LicenceClass,
  type PermitStatus,
  type SkillClaimDto,
} from '@brobygger/contracts';
import { gazetteer } from '@brobygger/geo';

/*
 * Synthetic candidates for the search benchmark, drawn from the real taxonomy so that skill sets look like
 * real people's (the skills of one ESCO occupation) and skill texts are real synonyms the service must
 * resolve. Everything comes from one seeded generator: the same seed and N give the same file, so two runs
 * measure the same work.
 */

export type Rng = () => number;

/** The taxonomy eval's seeded generator (mulberry32): runs with one seed draw the same candidates. */
export const seededRng = (seed: number): Rng => seededRandom(seed);

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const between = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** k distinct items, in random order (a partial Fisher–Yates on a copy). */
export function sample<T>(r: Rng, xs: readonly T[], k: number): T[] {
  const copy = [...xs];
  const n = Math.min(k, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(r() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

/** Items picked by weight: `[[value, weight], ...]`. */
export function weighted<T>(r: Rng, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [value, w] of options) {
    x -= w;
    if (x < 0) return value;
  }
  return options[options.length - 1][0];
}

const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];

/**
 * The word with `edits` typing mistakes: a letter swapped with its neighbour, dropped, doubled or replaced.
 * The first letter is left alone, as people rarely mistype it and search engines treat it specially.
 */
export function misspell(word: string, r: Rng, edits: number): string {
  let w = word;
  for (let e = 0; e < edits; e++) {
    const i = between(r, 1, w.length - 2);
    const op = between(r, 0, 3);
    if (op === 0) w = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    else if (op === 1) w = w.slice(0, i) + w.slice(i + 1);
    else if (op === 2) w = w.slice(0, i) + pick(r, LETTERS) + w.slice(i);
    else
      w =
        w.slice(0, i) +
        pick(
          r,
          LETTERS.filter((l) => l !== w[i]),
        ) +
        w.slice(i + 1);
  }
  // A swap of two equal letters changes nothing: try again rather than pass the word off as a typo.
  return w === word ? misspell(word, r, edits) : w;
}

/** The longest plain word of a label, the one a typo is put into; undefined when none has 5 letters. */
export function typoTarget(label: string): string | undefined {
  const words = label.split(/\s+/).filter((w) => /^[a-z]{5,}$/i.test(w));
  return words.sort((a, b) => b.length - a.length)[0];
}

/** A label with a 1–2 character typo in its longest word (two only in words of 8 letters or more). */
export function withTypo(label: string, r: Rng): string | undefined {
  const word = typoTarget(label);
  if (!word) return undefined;
  const edits = word.length >= 8 && r() < 0.5 ? 2 : 1;
  return label.replace(word, misspell(word, r, edits));
}

// --- the input -----------------------------------------------------------------------------------------

export interface BenchTaxonomy {
  /** Occupations with at least four live skills, in id order. */
  occupations: { id: string; skills: string[] }[];
  preferred: Map<string, string>;
  /** English alternative labels, the preferred one left out. */
  alts: Map<string, string[]>;
}

/** Reads occupations, their essential and optional skills, and skill labels from the taxonomy's schema. */
export async function loadTaxonomy(db: Client): Promise<BenchTaxonomy> {
  const links = await db.query<{ occupation_id: string; skill_id: string }>(
    `select os.occupation_id, os.skill_id
     from taxonomy.occupation_skill os
     join taxonomy.skill s on s.id = os.skill_id and s.retired_in is null
     join taxonomy.occupation o on o.id = os.occupation_id and o.retired_in is null
     order by os.occupation_id, os.skill_id`,
  );
  const byOccupation = new Map<string, string[]>();
  for (const { occupation_id, skill_id } of links.rows) {
    const list = byOccupation.get(occupation_id) ?? [];
    list.push(skill_id);
    byOccupation.set(occupation_id, list);
  }
  const labels = await db.query<{ skill_id: string; kind: string; label: string }>(
    `select skill_id, kind, label from taxonomy.skill_label
     where lang = 'en' and kind in ('preferred', 'alt') order by skill_id, kind desc, label`,
  );
  const preferred = new Map<string, string>();
  const alts = new Map<string, string[]>();
  for (const { skill_id, kind, label } of labels.rows) {
    if (kind === 'preferred') preferred.set(skill_id, label);
    else if (label.toLowerCase() !== preferred.get(skill_id)?.toLowerCase() && label.length <= 200) {
      alts.set(skill_id, [...(alts.get(skill_id) ?? []), label]);
    }
  }
  const occupations = [...byOccupation]
    .filter(([, skills]) => skills.length >= 4)
    .map(([id, skills]) => ({ id, skills }));
  return { occupations, preferred, alts };
}

/** Every postcode in the shipped geo data. */
export function loadPostcodes(): string[] {
  return gazetteer()
    .postcodes()
    .map((p) => p.postcode);
}

// --- candidates ----------------------------------------------------------------------------------------

/** Mother tongues of the people the organisations follow up, with the country they usually come from. */
const ORIGINS = [
  ['ar', 'SY'],
  ['ti', 'ER'],
  ['uk', 'UA'],
  ['so', 'SO'],
  ['fa', 'AF'],
  ['pl', 'PL'],
] as const;

const GIVEN = (
  'Amina Yonas Olena Hodan Farid Katarzyna Mohammed Senait Dmytro Abdi ' +
  'Zahra Piotr Layla Tesfay Iryna Fadumo Hamid Agnieszka Omar Selam'
).split(' ');
const FAMILY = (
  'Hassan Tesfamariam Kovalenko Warsame Ahmadi Nowak Al-Khatib Gebremedhin ' +
  'Shevchenko Mohamud Rahimi Wisniewski Haddad Berhane Bondarenko Ali'
).split(' ');

const LICENCE_SETS: readonly (readonly [LicenceClass[], number])[] = [
  [[], 40],
  [['B'], 40],
  [['B', 'BE'], 10],
  [['B', 'C1', 'C'], 6],
  [['B', 'C', 'CE', 'D'], 4],
];
const PERMITS: readonly (readonly [PermitStatus, number])[] = [
  ['granted', 70],
  ['applied', 15],
  ['not-required', 10],
  ['none', 5],
];
/** Spoken Norwegian among newcomers: mostly beginners and intermediates. */
const NB_LEVELS: readonly (readonly [CefrLevel, number])[] = [
  ['A1', 15],
  ['A2', 25],
  ['B1', 30],
  ['B2', 18],
  ['C1', 9],
  ['C2', 3],
];

/** Dates are relative to a fixed day, not today, so that filters select the same people in every run. */
export const BENCH_DAY = Date.UTC(2026, 11, 1);
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const yearMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** Share of skills given as free text (an alternative label the service must resolve), not by id. */
const TEXT_SHARE = 0.3;
/** Share of candidates who consent to be found in search. */
const SEARCHABLE_SHARE = 0.95;

export interface CandidateFactory {
  /** Candidate i; called for 0, 1, 2… in order (one random stream feeds them all). */
  next(i: number): CreateCandidateDto;
}

export function candidateFactory(tax: BenchTaxonomy, postcodes: string[], seed: number): CandidateFactory {
  const r = seededRng(seed);
  const claim = (skillId: string): SkillClaimDto => {
    const alts = tax.alts.get(skillId);
    if (alts?.length && r() < TEXT_SHARE) return { text: pick(r, alts) };
    return { skillId, level: between(r, 1, 5) };
  };
  return {
    next(i) {
      const occupation = pick(r, tax.occupations);
      const [native, country] = pick(r, ORIGINS);
      const nb = weighted(r, NB_LEVELS);
      const fromYear = between(r, 2008, 2022);
      const toYear = Math.min(2025, fromYear + between(r, 0, 6));
      const available = r() < 0.2 ? undefined : isoDay(BENCH_DAY + between(r, -30, 180) * 86_400_000);
      return {
        externalRef: `bench-${i}`,
        fullName: `${pick(r, GIVEN)} ${pick(r, FAMILY)}`,
        preferredLanguage: native,
        home: { postcode: pick(r, postcodes) },
        languages: [
          { code: native, native: true },
          {
            code: 'nb',
            spoken: nb,
            written: CEFR_LEVELS[Math.max(0, CEFR_LEVELS.indexOf(nb) - between(r, 0, 1))],
          },
          ...(r() < 0.4 ? [{ code: 'en', spoken: weighted(r, NB_LEVELS) }] : []),
        ],
        skills: sample(r, occupation.skills, between(r, 4, 12)).map(claim),
        experience: [
          {
            occupationId: occupation.id,
            country,
            from: yearMonth(fromYear, between(r, 1, 12)),
            to: yearMonth(toYear, 12),
          },
        ],
        drivingLicences: weighted(r, LICENCE_SETS),
        workPermit: { status: weighted(r, PERMITS) },
        availability: {
          ...(available ? { from: available } : {}),
          hoursPercent: pick(r, [50, 80, 100, 100]),
          shiftsOk: r() < 0.5,
        },
        wishes: { openingTypes: sample(r, OPENING_TYPES, between(r, 1, 3)) },
        consent: { searchable: r() < SEARCHABLE_SHARE, shareWithEmployers: r() < 0.5, notifyInApp: true },
      };
    },
  };
}
