import { OptionalProps } from '@mikro-orm/postgresql';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { JobName } from '@brobygger/contracts';

/**
 * A job that must reach BullMQ because a transaction committed. Written in the same transaction as the
 * change it announces, so a crash between commit and enqueue loses nothing: the relay finds the row later.
 * Each service has its own `outbox` table in its own schema.
 */
@Entity({ tableName: 'outbox' })
export class OutboxMessage {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  jobName!: JobName;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  /** BullMQ job id: deterministic, so enqueueing a row twice (crash after add, before delete) is a no-op. */
  @Property({ type: 'text' })
  jobId!: string;

  @Property({ type: 'integer', nullable: true })
  delayMs?: number | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
