import type { Settings } from 'meilisearch';

export const CANDIDATES_INDEX = 'candidates';

/**
 * The candidate search document. It holds what search needs and nothing else: no contact details, no staff
 * notes. Only active candidates who consented to be searchable are in the index at all.
 */
export interface CandidateDocument {
  id: string;
  fullName: string;
  municipality: string | null;
  skills: string[];
  preferredLanguage: string;
  updatedAt: number;
}

export const CANDIDATE_INDEX_SETTINGS: Settings = {
  searchableAttributes: ['skills', 'fullName', 'municipality'],
  displayedAttributes: ['id', 'fullName', 'municipality', 'skills'],
  filterableAttributes: ['municipality', 'preferredLanguage', 'skills'],
  sortableAttributes: ['updatedAt'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
};
