import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Meilisearch } from 'meilisearch';
import { Pool } from 'pg';
import { Patterns, SERVICES, type PingReply, type QueueName } from '@brobygger/contracts';
import { CONFIG, JobQueues, RpcCaller, redisOptions } from '@brobygger/platform';
import { createMeili } from '@brobygger/search';
import type { GatewayConfig } from '../config';

const CHECK_TIMEOUT_MS = 2_000;

export type Status = 'up' | 'down';
export interface HealthReport {
  status: Status;
  down: string[];
  checks: Record<string, Status>;
  queues?: Record<QueueName, Record<string, number>>;
}

function within<T>(p: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
  ]);
}

async function probe(fn: () => Promise<unknown>): Promise<Status> {
  try {
    await within(fn());
    return 'up';
  } catch {
    return 'down';
  }
}

/** Checks every dependency and every service in parallel, each bounded, so health answers in ~2 s at worst. */
@Injectable()
export class HealthService implements OnApplicationShutdown {
  private readonly pg: Pool;
  private readonly redis: Redis;
  private readonly meili: Meilisearch;

  constructor(
    @Inject(CONFIG) config: GatewayConfig,
    private readonly rpc: RpcCaller,
    private readonly queues: JobQueues,
  ) {
    this.pg = new Pool({
      connectionString: config.DATABASE_URL,
      max: 1,
      connectionTimeoutMillis: CHECK_TIMEOUT_MS,
    });
    this.pg.on('error', () => undefined); // a dropped idle connection is reported by the next check
    this.redis = new Redis({ ...redisOptions(config.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
    this.meili = createMeili(config.MEILI_URL, config.MEILI_MASTER_KEY);
  }

  async check(): Promise<HealthReport> {
    const service = (name: (typeof SERVICES)[number]) =>
      probe(async () => {
        const reply = await this.rpc.call<PingReply>(Patterns[name].ping, {}, CHECK_TIMEOUT_MS);
        if (reply.database !== 'up') throw new Error(`${name} cannot reach its database`);
      });
    const entries = await Promise.all(
      [
        ['postgres', probe(() => this.pg.query('select 1'))] as const,
        ['redis', probe(() => this.redis.ping())] as const,
        ['meilisearch', probe(() => this.meili.health())] as const,
        ...SERVICES.map((s) => [s, service(s)] as const),
      ].map(async ([name, p]) => [name, await p] as const),
    );
    const checks = Object.fromEntries(entries) as Record<string, Status>;
    const down = Object.keys(checks).filter((k) => checks[k] === 'down');
    const queues =
      checks.redis === 'up' ? await within(this.queues.depths()).catch(() => undefined) : undefined;
    return { status: down.length ? 'down' : 'up', down, checks, ...(queues ? { queues } : {}) };
  }

  async onApplicationShutdown() {
    await Promise.allSettled([this.pg.end(), this.redis.quit()]);
  }
}
