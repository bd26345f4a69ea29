import type { Settings } from 'meilisearch';
import { TAXONOMY_LANGS } from '@brobygger/contracts';

export const SKILLS_INDEX = 'taxonomy-skills';
export const OCCUPATIONS_INDEX = 'taxonomy-occupations';

/**
 * Languages that have occupation labels in the shipped data, in the order their labels rank: every language
 * the API accepts except those that only fall back to others.
 */
export const OCCUPATION_LABEL_LANGS = TAXONOMY_LANGS.filter((l) => l !== 'nn' && l !== 'uk');

/**
 * Meilisearch document ids allow only letters, digits, `-` and `_`, so the document key is the UUID part of the
 * ESCO id and the full id travels beside it.
 */
export function escoKey(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

export interface SkillDocument {
  key: string;
  id: string;
  type: string;
  reuseLevel: string | null;
  /** transversal 4, cross-sector 3, sector-specific 2, occupation-specific 1, unknown 0: broad skills first. */
  reuseRank: number;
  occupationCount: number;
  preferred_en: string;
  alt_en: string[];
  hidden_en: string[];
  /** Names in other languages (ESCO's Norwegian labels) and the glossary's words for the skill, any language. */
  labels_other?: string[];
}

export type OccupationDocument = {
  key: string;
  id: string;
  iscoGroup: string;
} & Record<`preferred_${string}`, string> &
  Record<`alt_${string}` | `hidden_${string}`, string[]>;

export const REUSE_RANK: Record<string, number> = {
  transversal: 4,
  'cross-sector': 3,
  'sector-specific': 2,
  'occupation-specific': 1,
};

const typoTolerance: Settings['typoTolerance'] = {
  enabled: true,
  // Skill words are short ("weld", "cook"): allow one typo from 4 letters, two from 8.
  minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
};

/**
 * Preferred labels rank above alternative labels, which rank above hidden ones (the `attribute` rule follows
 * the order of searchableAttributes); among equal text matches, broad and common skills come first.
 */
export function skillIndexSettings(synonyms: Record<string, string[]>): Settings {
  return {
    searchableAttributes: ['preferred_en', 'alt_en', 'labels_other', 'hidden_en'],
    displayedAttributes: ['id', 'type', 'reuseLevel', 'preferred_en', 'alt_en', 'hidden_en', 'labels_other'],
    filterableAttributes: ['type', 'reuseLevel'],
    sortableAttributes: [],
    rankingRules: [
      'words',
      'typo',
      'proximity',
      'attribute',
      'exactness',
      'reuseRank:desc',
      'occupationCount:desc',
    ],
    typoTolerance,
    synonyms,
    // Hits are ids plus labels; no one pages past the first screen of an autocomplete.
    pagination: { maxTotalHits: 200 },
  };
}

export function occupationIndexSettings(): Settings {
  const fields = (kind: string) => OCCUPATION_LABEL_LANGS.map((l) => `${kind}_${l}`);
  return {
    searchableAttributes: [...fields('preferred'), ...fields('alt'), ...fields('hidden')],
    displayedAttributes: ['*'],
    filterableAttributes: ['iscoGroup'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness'],
    typoTolerance,
    // Arabic labels are segmented as Arabic whatever the query's script guesses.
    localizedAttributes: [{ attributePatterns: ['*_ar'], locales: ['ara'] }],
    pagination: { maxTotalHits: 200 },
  };
}
