import { fold } from '@brobygger/taxonomy';

/** Two spellings that fold alike ("Renhold", "renhold ") are one glossary entry per language. */
export function glossaryKey(term: string): string {
  return fold(term);
}
