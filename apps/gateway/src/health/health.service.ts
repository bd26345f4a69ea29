import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Meilisearch } from 'meilisearch';
import { Patterns, SERVICES, type PingReply, type QueueName, type ServiceName } from '@brobygger/contracts';
import { CONFIG, JobQueues, RpcCaller, redisOptions, withTimeout } from '@brobygger/platform';
import type { GatewayConfig } from '../config';

const CHECK_TIMEOUT_MS = 2_000;

/** 'unknown': nothing could tell (PostgreSQL is seen only through services, and none answered). */
export type Status = 'up' | 'down' | 'unknown';
export interface HealthReport {
  status: Status;
  down: string[];
  checks: Record<string, Status>;
  queues?: Record<QueueName, Record<string, number>>;
}

const within = <T>(p: Promise<T>) => withTimeout(p, CHECK_TIMEOUT_MS, 'health check');

async function probe(fn: () => Promise<unknown>): Promise<Status> {
  try {
    await within(fn());
    return 'up';
  } catch {
    return 'down';
  }
}

/**
 * Checks every dependency and service in parallel, each bounded, so health answers in ~2 s at worst.
 * PostgreSQL is seen through the services (the gateway has no database credentials): down when a service
 * says it cannot reach it, unknown when no service answered (then the services are what is down).
 */
@Injectable()
export class HealthService implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly meili: Meilisearch;

  constructor(
    @Inject(CONFIG) config: GatewayConfig,
    private readonly rpc: RpcCaller,
    private readonly queues: JobQueues,
  ) {
    this.redis = new Redis({ ...redisOptions(config.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined); // reported by the next check
    this.meili = new Meilisearch({ host: config.MEILI_URL }); // /health is public: no key
  }

  async check(): Promise<HealthReport> {
    const ping = (name: ServiceName) =>
      within(this.rpc.call<PingReply>(Patterns[name].ping, {}, CHECK_TIMEOUT_MS)).catch(() => null);
    const [redis, meilisearch, ...pings] = await Promise.all([
      probe(() => this.redis.ping()),
      probe(() => this.meili.health()),
      ...SERVICES.map(ping),
    ]);
    const answered = pings.filter((p) => p !== null);
    const checks: Record<string, Status> = {
      postgres: !answered.length ? 'unknown' : answered.every((p) => p.database === 'up') ? 'up' : 'down',
      redis,
      meilisearch,
    };
    SERVICES.forEach((name, i) => (checks[name] = pings[i]?.database === 'up' ? 'up' : 'down'));
    const down = Object.keys(checks).filter((k) => checks[k] !== 'up');
    const queues = redis === 'up' ? await within(this.queues.depths()).catch(() => undefined) : undefined;
    return { status: down.length ? 'down' : 'up', down, checks, ...(queues ? { queues } : {}) };
  }

  async onApplicationShutdown() {
    await this.redis.quit().catch(() => undefined);
  }
}
