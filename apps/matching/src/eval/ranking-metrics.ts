/**
 * Ranking metrics of the matching eval (eval-matching.ts): how high the right candidates of an opening come in
 * a ranked list of candidate ids. A list is read only down to `cutoff`: what lies below it, or was never
 * returned (a search that did not find a candidate), counts as not found, on both sides of a comparison.
 */

export interface RankedCandidates {
  /** The right candidates of the opening. */
  relevant: ReadonlySet<string>;
  /** Candidate ids, best first. */
  ranked: readonly string[];
}

export interface RankingSummary {
  /** Openings averaged over. */
  n: number;
  /** Mean reciprocal rank of the first right candidate. */
  mrr: number;
  /** Mean average precision over the right candidates. */
  map: number;
  /** Mean share of the right candidates among the first 10. */
  recallAt10: number;
}

/** 1 / the rank of the first right candidate, or 0 when none comes within `cutoff`. */
export function reciprocalRank(r: RankedCandidates, cutoff: number): number {
  const end = Math.min(cutoff, r.ranked.length);
  for (let i = 0; i < end; i++) if (r.relevant.has(r.ranked[i])) return 1 / (i + 1);
  return 0;
}

/**
 * The mean, over all right candidates, of the precision at each one's rank; a right candidate not found
 * within `cutoff` adds 0. 1 when the right candidates fill the top of the list.
 */
export function averagePrecision(r: RankedCandidates, cutoff: number): number {
  if (r.relevant.size === 0) return 0;
  const end = Math.min(cutoff, r.ranked.length);
  let found = 0;
  let sum = 0;
  for (let i = 0; i < end; i++) {
    if (!r.relevant.has(r.ranked[i])) continue;
    found++;
    sum += found / (i + 1);
  }
  return sum / r.relevant.size;
}

/** The share of the right candidates among the first `k`. */
export function recallAtK(r: RankedCandidates, k: number): number {
  if (r.relevant.size === 0) return 0;
  let found = 0;
  for (const id of r.ranked.slice(0, k)) if (r.relevant.has(id)) found++;
  return found / r.relevant.size;
}

/** The three figures averaged over openings; an opening without right candidates is skipped. */
export function summarise(results: readonly RankedCandidates[], cutoff: number): RankingSummary {
  const judged = results.filter((r) => r.relevant.size > 0);
  const mean = (f: (r: RankedCandidates) => number) =>
    judged.length === 0 ? 0 : judged.reduce((s, r) => s + f(r), 0) / judged.length;
  return {
    n: judged.length,
    mrr: mean((r) => reciprocalRank(r, cutoff)),
    map: mean((r) => averagePrecision(r, cutoff)),
    recallAt10: mean((r) => recallAtK(r, Math.min(10, cutoff))),
  };
}

/**
 * Ids by score, highest first; equal scores by id. Scores come in tenths of a point, so ties are common:
 * the ids must not follow the answer (the eval numbers candidates in shuffled order), or ties would flatter.
 */
export function rankByScore(scored: readonly { id: string; score: number }[]): string[] {
  return [...scored]
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((s) => s.id);
}
