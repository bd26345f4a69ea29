import type { INestMicroservice } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Meilisearch } from 'meilisearch';
import pino from 'pino';
import {
  bootstrapRpcService,
  loadConfig,
  PrefixedRedisClient,
  RpcCaller,
  rpcChannelPrefix,
  transportOptions,
} from '@brobygger/platform';
import { TAXONOMY_FIXTURE, type Isolation } from '@brobygger/testing';
import { CandidatesModule } from '../../../apps/candidates/src/candidates.module';
import { candidatesEnv } from '../../../apps/candidates/src/config';
import { employersEnv } from '../../../apps/employers/src/config';
import { matchingEnv } from '../../../apps/matching/src/config';
import { MatchingModule } from '../../../apps/matching/src/matching.module';
import { EmployersModule } from '../../../apps/employers/src/employers.module';
import { taxonomyEnv } from '../../../apps/taxonomy/src/config';
import { importTaxonomy } from '../../../apps/taxonomy/src/import/taxonomy-import';
import { taxonomyOrmConfig } from '../../../apps/taxonomy/src/mikro-orm.config';
import { TaxonomyModule } from '../../../apps/taxonomy/src/taxonomy.module';

// TEST_LOG_LEVEL=warn (or debug) shows the in-process services' logs when a test needs explaining.
const silent = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** The environment every service of a test gets (also for services started as separate processes). */
export const baseEnv = (iso: Isolation) => ({
  DATABASE_URL: iso.databaseUrl,
  REDIS_URL: iso.redisUrl,
  REDIS_PREFIX: iso.redisPrefix,
  MEILI_URL: iso.meiliUrl,
  MEILI_MASTER_KEY: iso.meiliKey,
  MEILI_INDEX_PREFIX: iso.meiliPrefix,
  REPLY_LINK_SECRET: 'integration-tests-reply-link-secret-0123456789',
});

/** The taxonomy service in-process, with the fixture (real ESCO rows) imported into this test's database. */
export async function startTaxonomyService(iso: Isolation): Promise<INestMicroservice> {
  const orm = await MikroORM.init(taxonomyOrmConfig(iso.databaseUrl));
  try {
    await importTaxonomy({
      orm,
      meili: new Meilisearch({ host: iso.meiliUrl, apiKey: iso.meiliKey }),
      indexPrefix: iso.meiliPrefix,
      dataDir: TAXONOMY_FIXTURE,
      log: () => undefined,
    });
  } finally {
    await orm.close(true);
  }
  const config = loadConfig(taxonomyEnv, baseEnv(iso));
  return bootstrapRpcService('taxonomy', TaxonomyModule.forRoot(config, silent), config, silent);
}

/** The candidates service in-process; `env` overrides (e.g. MEILI_URL through a proxy that can fail). */
export async function startCandidatesService(
  iso: Isolation,
  env: Record<string, string> = {},
): Promise<INestMicroservice> {
  const config = loadConfig(candidatesEnv, { ...baseEnv(iso), OUTBOX_POLL_MS: '100', ...env });
  return bootstrapRpcService('candidates', CandidatesModule.forRoot(config, silent), config, silent);
}

/** The employers service in-process (its deadline worker included). */
export async function startEmployersService(iso: Isolation): Promise<INestMicroservice> {
  const config = loadConfig(employersEnv, { ...baseEnv(iso), OUTBOX_POLL_MS: '100' });
  return bootstrapRpcService('employers', EmployersModule.forRoot(config, silent), config, silent);
}

/** The matching service in-process (its workers included). */
export async function startMatchingService(
  iso: Isolation,
  env: Record<string, string> = {},
): Promise<INestMicroservice> {
  const config = loadConfig(matchingEnv, { ...baseEnv(iso), OUTBOX_POLL_MS: '100', ...env });
  return bootstrapRpcService('matching', MatchingModule.forRoot(config, silent), config, silent);
}

/** An RPC client as the gateway has one; close it after the tests. */
export async function rpcClient(iso: Isolation): Promise<{ rpc: RpcCaller; close: () => Promise<void> }> {
  const client = new PrefixedRedisClient(rpcChannelPrefix(iso.redisPrefix), transportOptions(iso.redisUrl));
  await client.connect();
  return { rpc: new RpcCaller(client, 20_000), close: () => client.close() };
}
