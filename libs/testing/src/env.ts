import { randomBytes } from 'node:crypto';
import { cloneDatabase } from '@brobygger/persistence';

/** What `npm test` (scripts/test.ts) hands the tests. The only place tests read process.env. */
export interface TestEnv {
  runId: string;
  pgServerUrl: string;
  templateDb: string;
  dbPrefix: string;
  redisUrl: string;
  redisPrefix: string;
  meiliUrl: string;
  meiliKey: string;
  meiliPrefix: string;
}

export function testEnv(): TestEnv {
  const e = process.env;
  const need = (key: string) => {
    const v = e[key];
    if (!v) throw new Error(`${key} is not set: run the tests through \`npm test\`, which provides it`);
    return v;
  };
  return {
    runId: need('TEST_RUN_ID'),
    pgServerUrl: need('TEST_PG_SERVER_URL'),
    templateDb: need('TEST_TEMPLATE_DB'),
    dbPrefix: need('TEST_DB_PREFIX'),
    redisUrl: need('REDIS_URL'),
    redisPrefix: need('TEST_REDIS_PREFIX'),
    meiliUrl: need('MEILI_URL'),
    meiliKey: need('MEILI_MASTER_KEY'),
    meiliPrefix: need('TEST_MEILI_PREFIX'),
  };
}

/** Everything one test file needs to be alone: its own database, Redis prefix and index prefix. */
export interface Isolation {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  meiliUrl: string;
  meiliKey: string;
  meiliPrefix: string;
}

export async function isolate(): Promise<Isolation> {
  const env = testEnv();
  const tag = randomBytes(3).toString('hex');
  const databaseUrl = await cloneDatabase(
    `${env.pgServerUrl}postgres`,
    env.templateDb,
    `${env.dbPrefix}${tag}`,
  );
  return {
    databaseUrl,
    redisUrl: env.redisUrl,
    redisPrefix: `${env.redisPrefix}-${tag}`,
    meiliUrl: env.meiliUrl,
    meiliKey: env.meiliKey,
    meiliPrefix: `${env.meiliPrefix}${tag}_`,
  };
}
