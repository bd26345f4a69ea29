import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { JobItem } from '@brobygger/contracts';
import { requestContext, type EnqueueOptions, type JobQueues, type Logger } from '@brobygger/platform';
import { OutboxMessage } from './outbox.entity';

/** Records a job to be enqueued when (and only if) the surrounding transaction commits. */
export function addToOutbox(em: EntityManager, item: JobItem, opts: EnqueueOptions): void {
  const payload = { ...item.data, requestId: item.data.requestId ?? requestContext.requestId() };
  em.create(OutboxMessage, {
    jobName: item.name,
    payload,
    jobId: opts.jobId,
    delayMs: opts.delayMs ?? null,
    createdAt: new Date(),
  });
}

const BATCH = 200;

/**
 * Moves committed outbox rows into BullMQ. Runs after each write (nudge) and on a timer for rows a crash left
 * behind. Rows are locked with SKIP LOCKED, so several replicas of a service can relay side by side.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly queues: JobQueues,
    private readonly logger: Logger,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.nudge(), this.pollMs);
    this.nudge();
  }

  /** Drain now; if a drain is under way, run once more after it so nothing committed meanwhile waits. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(
        () => undefined,
        (err: unknown) => this.logger.warn({ err }, 'outbox relay failed; will retry'),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  async drain(): Promise<number> {
    let moved = 0;
    for (;;) {
      const count = await this.orm.em.fork().transactional(async (em) => {
        const rows = await em.find(
          OutboxMessage,
          {},
          { orderBy: { id: 'asc' }, limit: BATCH, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        );
        if (!rows.length) return 0;
        await this.queues.enqueueMany(
          rows.map((r) => ({
            // The row was written from a JobItem by addToOutbox; it comes back as the same shape.
            item: { name: r.jobName, data: r.payload } as unknown as JobItem,
            opts: { jobId: r.jobId, delayMs: r.delayMs ?? undefined },
          })),
        );
        em.remove(rows);
        return rows.length;
      });
      moved += count;
      if (count < BATCH) return moved;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
