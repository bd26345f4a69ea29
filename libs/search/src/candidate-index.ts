import type { Settings } from 'meilisearch';

export const CANDIDATES_INDEX = 'candidates';

/**
 * The candidate search document. It holds what search needs and nothing else: no contact details, no staff
 * notes, no birth data. Archived candidates and those who did not consent to be searchable are not in the
 * index at all.
 */
export interface CandidateDocument {
  id: string;
  /** The profile version the document was built from: drift checks compare it with PostgreSQL's. */
  version: number;
  fullName: string;
  status: string;
  municipality: string | null;
  municipalityName: string | null;
  _geo: { lat: number; lng: number } | null;
  /** Bare UUIDs of the resolved ESCO skills (filters and the top-skills facet). */
  skillIds: string[];
  /** What a hit shows: each skill's preferred label, or the text where nothing resolved. */
  skills: string[];
  /** Everything else a skill is called: the text as written and the taxonomy's other labels (synonyms). */
  skillTerms: string[];
  /** Job titles: experience as written, and every label of the experience's and wishes' occupations. */
  titles: string[];
  certificates: string[];
  /** ISO 639-1 codes. */
  languages: string[];
  /** Each language's name in the languages staff and candidates search in ("arabisk", "Arabic", "العربية"). */
  languageNames: string[];
  /** `nb:B1`, `nb:B1:written`, `ar:native`: one token per level reached, so "at least B1" is an equality. */
  languageLevels: string[];
  languageDisplay: { code: string; level: string }[];
  /** Spoken Norwegian: A1–C2, native or none. */
  norwegianLevel: string;
  drivingLicences: string[];
  permitStatus: string | null;
  openingTypes: string[];
  /** Unix seconds from which the candidate can start; 0 when no date is set (available now). */
  availableFrom: number;
  updatedAt: number;
}

export const CANDIDATE_FACETS = [
  'languages',
  'norwegianLevel',
  'municipality',
  'skillIds',
  'openingTypes',
] as const;

export const CANDIDATE_INDEX_SETTINGS: Settings = {
  // Order is rank: a skill match counts more than a title, a title more than a name.
  searchableAttributes: [
    'skills',
    'skillTerms',
    'titles',
    'certificates',
    'languageNames',
    'fullName',
    'municipalityName',
  ],
  displayedAttributes: [
    'id',
    'version',
    'fullName',
    'status',
    'municipality',
    'municipalityName',
    '_geo',
    'skills',
    'languageDisplay',
    'updatedAt',
  ],
  filterableAttributes: [
    'skillIds',
    'languages',
    'languageLevels',
    'norwegianLevel',
    'municipality',
    '_geo',
    'availableFrom',
    'openingTypes',
    'permitStatus',
    'drivingLicences',
    'status',
  ],
  sortableAttributes: ['updatedAt', '_geo'],
  faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: 10_100 },
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
};
