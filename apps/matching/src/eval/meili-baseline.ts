/**
 * The baseline of the matching eval (eval-matching.ts): plain Meilisearch text search over the candidates'
 * skill labels, which is what a coordinator without a matching engine does: type the opening's skills into
 * candidate search and read the list top down.
 *
 * One document per candidate, shaped like the skill fields of the candidate search document: each skill's
 * preferred label in `skills` (searched first) and all its English alternative labels in `skillTerms`, with
 * the typo tolerance candidate search uses (a typo from 4 letters, two from 8: looser than Meilisearch's
 * default). Job titles are left out: they would name the candidate's occupation, which is the answer.
 */
import type { Meilisearch, MatchingStrategies, Settings, Task } from 'meilisearch';
import { rankByScore } from './ranking-metrics';

export interface BaselineDocument {
  id: string;
  skills: string[];
  skillTerms: string[];
}

const SETTINGS: Settings = {
  searchableAttributes: ['skills', 'skillTerms'],
  displayedAttributes: ['id'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  pagination: { maxTotalHits: 1000 },
};
const TASK_TIMEOUT_MS = 300_000;

export function baselineDocument(
  c: { id: string; skillIds: readonly string[] },
  preferred: ReadonlyMap<string, string>,
  alts: ReadonlyMap<string, readonly string[]>,
): BaselineDocument {
  return {
    id: c.id,
    skills: c.skillIds.map((id) => preferred.get(id) ?? id),
    skillTerms: c.skillIds.flatMap((id) => alts.get(id) ?? []),
  };
}

/** A fresh index `uid` holding `docs` (an index of that name left by an earlier run is replaced). */
export async function createBaselineIndex(
  meili: Meilisearch,
  uid: string,
  docs: readonly BaselineDocument[],
): Promise<void> {
  await dropBaselineIndex(meili, uid);
  succeeded(await meili.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS }));
  const index = meili.index<BaselineDocument>(uid);
  succeeded(await index.updateSettings(SETTINGS).waitTask({ timeout: TASK_TIMEOUT_MS }));
  succeeded(await index.addDocuments([...docs]).waitTask({ timeout: TASK_TIMEOUT_MS }));
}

export async function dropBaselineIndex(meili: Meilisearch, uid: string): Promise<void> {
  const exists = await meili
    .getIndex(uid)
    .then(() => true)
    .catch(() => false);
  if (exists) succeeded(await meili.deleteIndex(uid).waitTask({ timeout: TASK_TIMEOUT_MS }));
}

/**
 * The two ways of searching, over one index. Answers are kept per query: the two spellings of an opening share
 * most of their texts, and Meilisearch answers the same query the same way.
 */
export class BaselineSearch {
  private readonly answers = new Map<string, Promise<{ id: string; score: number }[]>>();

  constructor(
    private readonly meili: Meilisearch,
    private readonly uid: string,
    /** Hits asked per search. */
    private readonly limit: number,
  ) {}

  /**
   * The opening's typed skills joined into one query, as typed into a search box. Meilisearch reads only the
   * first 10 words of a query, so an opening's later skills are not searched for at all.
   */
  async joined(texts: readonly string[], strategy: MatchingStrategies): Promise<string[]> {
    return (await this.search(texts.join(' '), strategy)).map((h) => h.id);
  }

  /**
   * A more generous baseline than a search box allows: one search per typed skill (so no skill falls past the
   * 10-word limit), each candidate ranked by the sum of their ranking scores over those searches.
   */
  async perSkill(texts: readonly string[], strategy: MatchingStrategies): Promise<string[]> {
    return sumOfRankingScores(await Promise.all(texts.map((t) => this.search(t, strategy))));
  }

  private search(q: string, matchingStrategy: MatchingStrategies): Promise<{ id: string; score: number }[]> {
    const key = `${matchingStrategy}\u0000${q}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.meili
        .index<BaselineDocument>(this.uid)
        .search(q, {
          limit: this.limit,
          matchingStrategy,
          showRankingScore: true,
          attributesToRetrieve: ['id'],
        })
        .then((res) => res.hits.map((h) => ({ id: h.id, score: h._rankingScore ?? 0 })));
      this.answers.set(key, answer);
    }
    return answer;
  }
}

/** Ids by their summed score over several hit lists, highest first, ties by id; ids in no list are left out. */
export function sumOfRankingScores(lists: readonly (readonly { id: string; score: number }[])[]): string[] {
  const sum = new Map<string, number>();
  for (const hits of lists) for (const h of hits) sum.set(h.id, (sum.get(h.id) ?? 0) + h.score);
  return rankByScore([...sum].map(([id, score]) => ({ id, score })));
}

function succeeded(task: Task): void {
  if (task.status !== 'succeeded') {
    throw new Error(
      `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no reason given'}`,
    );
  }
}
