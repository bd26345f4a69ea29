import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { QueueName } from '@brobygger/contracts';
import { startWorker, type JobHandlers } from './jobs';
import type { Logger } from './logger';

/** The keys of an app's config a worker reads. */
export interface WorkerConfig {
  REDIS_URL: string;
  REDIS_PREFIX: string;
  JOB_LOCK_MS: number;
}

/**
 * A Nest provider that runs the worker of one queue for the app's lifetime. The worker is closed in
 * beforeApplicationShutdown, so jobs in flight finish before the database and queues close.
 */
export abstract class QueueWorkerHost<Q extends QueueName>
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private worker?: Worker;

  protected abstract readonly queue: Q;
  protected abstract handlers(): JobHandlers<Q>;

  constructor(
    private readonly workerConfig: WorkerConfig,
    private readonly workerLogger: Logger,
    private readonly concurrency: number,
  ) {}

  /** Runs before the worker takes its first job (e.g. making sure an index exists). */
  protected async prepare(): Promise<void> {}

  async onApplicationBootstrap(): Promise<void> {
    await this.prepare();
    this.worker = startWorker(this.queue, this.handlers(), {
      redisUrl: this.workerConfig.REDIS_URL,
      redisPrefix: this.workerConfig.REDIS_PREFIX,
      concurrency: this.concurrency,
      logger: this.workerLogger,
      lockMs: this.workerConfig.JOB_LOCK_MS,
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
