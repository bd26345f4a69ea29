/**
 * The matching engine's side of the eval (eval-matching.ts): every candidate scored against an opening with the
 * production scorer and weights, best first; in worker threads, since that is most of the eval's work.
 */
import { Worker } from 'node:worker_threads';
import type {
  CandidateScoringFeatures,
  OpeningScoringRequirements,
  SkillNeighbour,
} from '@brobygger/contracts';
import { DEFAULT_WEIGHTS, scoreMatch, type Proximity } from '@brobygger/scoring';
import { rankByScore } from './ranking-metrics';

export interface ScoredCandidate {
  id: string;
  features: CandidateScoringFeatures;
}

/**
 * Near-miss closeness as the matching service builds it for a scoring job: the neighbour rows of the
 * required skills (what the taxonomy's relatedSkills answers), keyed by required skill, then the skill held.
 */
export function requiredSkillProximity(
  neighbours: readonly SkillNeighbour[],
  requiredIds: ReadonlySet<string>,
): Proximity {
  type Closeness = { score: number; reason: string };
  const close = new Map<string, Map<string, Closeness>>();
  for (const n of neighbours) {
    if (!requiredIds.has(n.skillId)) continue;
    let row = close.get(n.skillId);
    if (!row) close.set(n.skillId, (row = new Map<string, Closeness>()));
    row.set(n.other, { score: n.score, reason: n.reason });
  }
  return { closeness: (required, have) => close.get(required)?.get(have) };
}

/** Candidate ids by `scoreMatch` with the default weights, highest first, equal scores by id. */
export function rankCandidates(
  opening: OpeningScoringRequirements,
  candidates: readonly ScoredCandidate[],
  opts: { today: string; proximity?: Proximity },
): string[] {
  return rankByScore(
    candidates.map((c) => ({
      id: c.id,
      score: scoreMatch(c.features, opening, {
        weights: DEFAULT_WEIGHTS,
        today: opts.today,
        ...(opts.proximity && { proximity: opts.proximity }),
      }).score,
    })),
  );
}

/** What every worker gets once. */
export interface RankingWorkerData {
  candidates: ScoredCandidate[];
  today: string;
  /** Only this many ids of each ranking are sent back. */
  cutoff: number;
}

export interface RankingJob {
  key: string;
  openings: OpeningScoringRequirements[];
  /** Neighbour rows of the openings' required skills; absent: scored without near misses. */
  neighbours?: SkillNeighbour[];
}

export interface RankingResult {
  key: string;
  /** Per opening, the first `cutoff` candidate ids. */
  ranked: string[][];
}

/** Runs `jobs` on `threads` workers running `script` (ranking-worker.js, beside this file in dist/). */
export function rankInWorkers(
  script: string,
  data: RankingWorkerData,
  jobs: readonly RankingJob[],
  threads: number,
): Promise<Map<string, string[][]>> {
  return new Promise((resolve, reject) => {
    const queue = [...jobs];
    const results = new Map<string, string[][]>();
    const workers = Array.from({ length: Math.max(1, Math.min(threads, jobs.length)) }, () => {
      return new Worker(script, { workerData: data });
    });
    const done = new Set<Worker>();
    const fail = (err: unknown) => {
      for (const w of workers) {
        done.add(w);
        void w.terminate();
      }
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const next = (w: Worker) => {
      const job = queue.shift();
      if (job) return w.postMessage(job);
      done.add(w);
      void w.terminate();
      if (results.size === jobs.length) resolve(results);
    };
    for (const w of workers) {
      w.on('message', (r: RankingResult) => {
        results.set(r.key, r.ranked);
        next(w);
      });
      w.on('error', fail);
      // A worker killed from outside (out of memory) reports no error; without this the eval would hang.
      w.on('exit', (code) => {
        if (!done.has(w)) fail(new Error(`a ranking worker exited (code ${code}) with work left`));
      });
      next(w);
    }
  });
}
