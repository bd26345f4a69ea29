/*
 * `npm run jobs:retry-failed [-- <queue> ...]`: moves every job in the failed set of the named queues (all by
 * default) back to waiting. For after an outage longer than a queue's retry window (RETRY_POLICY in
 * libs/contracts/src/jobs.ts), when workers log "job failed for good". Handlers reload the current state,
 * so a retried job does what is needed now, not what was needed then. Reads REDIS_URL and REDIS_PREFIX as
 * the apps do.
 */
import { Queue } from 'bullmq';
// Scripts run from source on plain Node, which knows no path aliases: a relative import is the only way in.
// eslint-disable-next-line no-restricted-imports
import { QUEUES, type QueueName } from '../libs/contracts/src/jobs.ts';
// eslint-disable-next-line no-restricted-imports
import { bullPrefix, redisOptions } from '../libs/platform/src/redis.ts';

const wanted = process.argv.slice(2);
const unknown = wanted.filter((q) => !(QUEUES as readonly string[]).includes(q));
if (unknown.length) {
  console.error(`unknown queue(s): ${unknown.join(', ')}; queues are ${QUEUES.join(', ')}`);
  process.exit(2);
}
const names = (wanted.length ? wanted : QUEUES) as QueueName[];
const connection = redisOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = bullPrefix(process.env.REDIS_PREFIX ?? 'bb');
for (const name of names) {
  const queue = new Queue(name, { connection, prefix });
  const { failed } = await queue.getJobCounts('failed');
  if (failed) await queue.retryJobs({ state: 'failed', count: 1000 });
  console.log(`${name}: ${failed} failed job(s) moved back to waiting`);
  await queue.close();
}
