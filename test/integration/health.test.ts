import {
  loadConfig,
  PrefixedRedisClient,
  RpcCaller,
  rpcChannelPrefix,
  transportOptions,
  JobQueues,
} from '@brobygger/platform';
import { gatewayEnv } from '../../apps/gateway/src/config';
import { HealthService } from '../../apps/gateway/src/health/health.service';
import { isolate } from '@brobygger/testing';

/**
 * With real Redis but no Meilisearch and no services listening, health names exactly what is down (the 503
 * itself is the controller's mapping of status "down"; the e2e test sees the 200).
 */
describe('gateway health', () => {
  it('reports what is down and still counts the queues', async () => {
    const iso = await isolate();
    const config = loadConfig(gatewayEnv, {
      REDIS_URL: iso.redisUrl,
      REDIS_PREFIX: iso.redisPrefix,
      MEILI_URL: 'http://127.0.0.1:9', // discard port: nothing answers
      JWT_SECRET: 'y'.repeat(32),
    });
    const client = new PrefixedRedisClient(rpcChannelPrefix(iso.redisPrefix), transportOptions(iso.redisUrl));
    await client.connect();
    const queues = JobQueues.fromUrl(iso.redisUrl, iso.redisPrefix);
    const health = new HealthService(config, new RpcCaller(client, 1_000), queues);
    try {
      const report = await health.check();
      expect(report.status).toBe('down');
      expect(report.down.sort()).toEqual([
        'candidates',
        'employers',
        'matching',
        'meilisearch',
        'postgres',
        'taxonomy',
      ]);
      // No service answered, so nothing can say whether PostgreSQL is up: unknown, not blamed.
      expect(report.checks).toMatchObject({ redis: 'up', postgres: 'unknown' });
      expect(report.queues?.matching).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    } finally {
      await health.onApplicationShutdown();
      await queues.close();
      await client.close();
    }
  });
});
