import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import {
  JOB_QUEUE,
  QUEUES,
  RETRY_POLICY,
  retryDelayMs,
  type JobItem,
  type JobName,
  type JobPayload,
  type JobsOf,
  type QueueName,
} from '@brobygger/contracts';
import type { Logger } from './logger';
import { bullPrefix, redisOptions, type RedisConnection } from './redis';
import { requestContext } from './request-context';
import { withTimeout } from './timeout';

export interface EnqueueOptions {
  /** Deterministic id: a second add with the same id while the job exists is a no-op. */
  jobId: string;
  delayMs?: number;
}

function jobOptions(queue: QueueName, opts: EnqueueOptions): JobsOptions {
  const policy = RETRY_POLICY[queue];
  return {
    jobId: opts.jobId,
    delay: opts.delayMs,
    attempts: policy.attempts,
    // 'capped' is the worker's backoffStrategy below: exponential with a ceiling.
    backoff: { type: 'capped' },
    // Kept a while so a duplicate add (same jobId) right after completion is still recognised.
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}

/** How long an enqueue may take before it counts as failed (Redis away). */
export const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * Producer side: one BullMQ Queue per queue name, all with the deployment's prefix. Every add is bounded in
 * time: while Redis is away, BullMQ would otherwise wait for it indefinitely, and the outbox relay would sit
 * inside an open transaction holding row locks. A timed-out add may still land later; job ids make that
 * harmless.
 */
export class JobQueues {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: RedisConnection,
    private readonly prefix: string,
    private readonly logger?: Logger,
  ) {}

  static fromUrl(redisUrl: string, redisPrefix: string, logger?: Logger): JobQueues {
    // No offline queue: once connected, a lost connection fails commands at once instead of buffering them.
    return new JobQueues(
      { ...redisOptions(redisUrl), enableOfflineQueue: false },
      bullPrefix(redisPrefix),
      logger,
    );
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix });
      // Without a listener, connection errors are printed once per reconnect attempt.
      q.on('error', (err) => this.logger?.warn({ queue: name, err: err.message }, 'queue connection error'));
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueueMany(items: { item: JobItem; opts: EnqueueOptions }[]): Promise<void> {
    await withTimeout(this.addAll(items), ENQUEUE_TIMEOUT_MS, 'enqueueing jobs in Redis');
  }

  private async addAll(items: { item: JobItem; opts: EnqueueOptions }[]): Promise<void> {
    const byQueue = new Map<QueueName, { item: JobItem; opts: EnqueueOptions }[]>();
    for (const entry of items) {
      const q = JOB_QUEUE[entry.item.name];
      byQueue.set(q, [...(byQueue.get(q) ?? []), entry]);
    }
    for (const [queue, entries] of byQueue) {
      await this.queue(queue).addBulk(
        entries.map(({ item, opts }) => ({
          name: item.name,
          data: { ...item.data, requestId: item.data.requestId ?? requestContext.requestId() },
          opts: jobOptions(queue, opts),
        })),
      );
    }
  }

  async depths(): Promise<Record<QueueName, Record<string, number>>> {
    const out = {} as Record<QueueName, Record<string, number>>;
    for (const name of QUEUES) {
      out[name] = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed');
    }
    return out;
  }

  async close(): Promise<void> {
    // A queue that never reached Redis would wait for it forever on close; give up after a while.
    await withTimeout(
      Promise.all([...this.queues.values()].map((q) => q.close())),
      ENQUEUE_TIMEOUT_MS,
      'closing queues',
    ).catch((err: unknown) => this.logger?.warn({ err }, 'closing queues timed out'));
  }
}

export type JobHandlers<Q extends QueueName> = {
  [N in JobsOf<Q>]: (data: JobPayload<N>, job: Job) => Promise<void>;
};

/**
 * Starts the worker for one queue. The handler map must name every job of that queue exactly once; a
 * missing or unknown handler stops the boot rather than leaving jobs to fail at run time.
 */
export function startWorker<Q extends QueueName>(
  queue: Q,
  handlers: JobHandlers<Q>,
  opts: { redisUrl: string; redisPrefix: string; concurrency: number; logger: Logger; lockMs?: number },
): Worker {
  const expected = (Object.keys(JOB_QUEUE) as JobName[]).filter((n) => JOB_QUEUE[n] === queue).sort();
  const given = Object.keys(handlers).sort();
  if (expected.join() !== given.join()) {
    throw new Error(
      `worker for queue ${queue}: handlers [${given.join(', ')}] do not match the catalogue [${expected.join(', ')}]`,
    );
  }
  const table = handlers as unknown as Record<string, (data: unknown, job: Job) => Promise<void>>;
  const worker = new Worker(
    queue,
    async (job: Job) => {
      const handler = table[job.name];
      if (!handler) throw new Error(`no handler for job ${job.name} on queue ${queue}`);
      const data = job.data as { requestId?: string };
      await requestContext.run({ requestId: data.requestId ?? String(job.id) }, () => handler(job.data, job));
    },
    {
      connection: redisOptions(opts.redisUrl),
      prefix: bullPrefix(opts.redisPrefix),
      concurrency: opts.concurrency,
      // A worker holds each active job under a lock it renews; when the process dies the lock lapses and the
      // stalled-job check hands the job to another worker. Both run at this period (BullMQ's default: 30 s).
      ...(opts.lockMs ? { lockDuration: opts.lockMs, stalledInterval: opts.lockMs } : {}),
      settings: {
        backoffStrategy: (attemptsMade: number) => retryDelayMs(RETRY_POLICY[queue], attemptsMade),
      },
    },
  );
  worker.on('failed', (job, err) => {
    const details = { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message };
    // After the last attempt nothing retries it: say so loudly (recovery: `npm run jobs:retry-failed`). A
    // handler throws UnrecoverableError for what no retry can mend (malformed data): failed at once.
    if (err instanceof UnrecoverableError || (job && job.attemptsMade >= (job.opts.attempts ?? 1)))
      opts.logger.error(details, 'job failed for good');
    else opts.logger.warn(details, 'job failed; will retry');
  });
  worker.on('error', (err) => opts.logger.error({ queue, err: err.message }, 'worker error'));
  return worker;
}
