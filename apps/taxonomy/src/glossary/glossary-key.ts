import type { EntityManager } from '@mikro-orm/postgresql';
import { fold } from '@brobygger/taxonomy';

/** Two spellings that fold alike ("Renhold", "renhold ") are one glossary entry per language. */
export function glossaryKey(term: string): string {
  return fold(term);
}

/**
 * Glossary writers take turns (until their transaction ends), so revisions from the sequence commit in the order
 * they were taken: a reader that has seen revision n has seen every change up to n.
 */
export async function lockGlossary(em: EntityManager): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('brobygger.glossary'))`);
}
