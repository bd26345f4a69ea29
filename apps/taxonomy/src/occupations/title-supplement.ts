import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { TAXONOMY_LANGS } from '@brobygger/contracts';
import type { LabelEntry } from '@brobygger/taxonomy';

/**
 * Everyday titles ESCO lacks: Ukrainian (ESCO has none), Arabic beyond its one preferred label, and the
 * Norwegian words people type ("helsefagarbeider", "oppvasker"), for the occupations refugees in Norway
 * most often go into. Written by the team, not by ESCO: each row says who wrote it and whether it has been
 * reviewed, and the search treats them as alternative labels.
 */
export const TITLE_SUPPLEMENT_FILE = 'occupation_titles_supplement.csv';

const REVIEW_STATES = ['drafted', 'reviewed'];
const OCCUPATION_ID = /^occupation\/[0-9a-f-]{36}$/;

export function readTitleSupplement(dir: string): LabelEntry[] {
  const rows = parse<Record<string, string>>(readFileSync(join(dir, TITLE_SUPPLEMENT_FILE)), {
    columns: true,
    bom: true,
  });
  return rows.map((r, i) => {
    const at = `${TITLE_SUPPLEMENT_FILE} line ${i + 2}`;
    if (!OCCUPATION_ID.test(r.occupation_id ?? '')) throw new Error(`${at}: bad occupation_id`);
    if (!(TAXONOMY_LANGS as readonly string[]).includes(r.lang)) throw new Error(`${at}: bad lang ${r.lang}`);
    if (!r.label?.trim() || !r.source?.trim()) throw new Error(`${at}: label and source are required`);
    if (!REVIEW_STATES.includes(r.review_state)) throw new Error(`${at}: bad review_state ${r.review_state}`);
    return { conceptId: r.occupation_id, label: r.label.trim(), kind: 'alt', lang: r.lang };
  });
}
