/** A worker thread of the matching eval: ranks the candidates for each job's openings (our-ranking.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import {
  rankCandidates,
  requiredSkillProximity,
  type RankingJob,
  type RankingResult,
  type RankingWorkerData,
} from './our-ranking';

const data = workerData as RankingWorkerData;

parentPort?.on('message', (job: RankingJob) => {
  const proximity =
    job.neighbours && requiredSkillProximity(job.neighbours, new Set(job.neighbours.map((n) => n.skillId)));
  // The scorer is deterministic: equal requirements rank the candidates equally, so each is ranked once.
  const seen = new Map<string, string[]>();
  const ranked = job.openings.map((o) => {
    const key = JSON.stringify(o);
    let ids = seen.get(key);
    if (!ids) {
      ids = rankCandidates(o, data.candidates, { today: data.today, ...(proximity && { proximity }) });
      seen.set(key, (ids = ids.slice(0, data.cutoff)));
    }
    return ids;
  });
  const result: RankingResult = { key: job.key, ranked };
  parentPort?.postMessage(result);
});
