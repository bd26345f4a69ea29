/*
 * `npm run bench:search [-- --n 20000] [--chunk 10000] [--concurrency 2] [--queries 300] [--seed 4]`:
 * measures candidate import, indexing and search against raw PostgreSQL and Meilisearch, as ratios from one
 * run (apps/candidates/src/bench/search-bench.ts does the measuring and says what each ratio compares).
 *
 * It runs the whole system the way `npm start` does, but alone (scripts/lib/system.ts runOwnSystem): its own
 * database (brobygger_bench), Redis prefix (bbbench), index prefix (bench_), JWT secret and a free port, so a
 * running `npm start` or `npm test` is neither touched nor counted. Whatever a previous run left in those is removed first; the taxonomy stays
 * (the first run imports the full release, about a minute). Everything it started stops at the end, also
 * on failure or Ctrl-C. The result is printed and written to .data/bench/search-<timestamp>.json.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Meilisearch } from 'meilisearch';
import pg from 'pg';
// Scripts run from source on plain Node, which knows no path aliases: a relative import is the only way in.
// eslint-disable-next-line no-restricted-imports
import { QUEUES } from '../libs/contracts/src/jobs.ts';
// eslint-disable-next-line no-restricted-imports
import { bullPrefix, redisOptions } from '../libs/platform/src/redis.ts';
import { build, ROOT } from './lib/build.ts';
import { runAsGroupLeader } from './lib/leader.ts';
import { assertNode24 } from './lib/node-version.ts';
import { runNode, runOwnSystem } from './lib/system.ts';

const DATABASE = 'brobygger_bench';
const REDIS_PREFIX = 'bbbench';
const INDEX_PREFIX = 'bench_';

assertNode24();

// The work runs in a child leading its own process group (see scripts/lib/leader.ts).
await runAsGroupLeader('BROBYGGER_BENCH_LEADER', run);

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '100000' },
      chunk: { type: 'string' },
      concurrency: { type: 'string', default: '2' },
      queries: { type: 'string', default: '300' },
      seed: { type: 'string', default: '4' },
    },
  });
  const log = (line: string) => console.error(`[bench:search] ${line}`);
  log('building…');
  build();
  await runOwnSystem({
    database: DATABASE,
    redisPrefix: REDIS_PREFIX,
    indexPrefix: INDEX_PREFIX,
    log,
    // A hundred thousand imports at info level would bury the benchmark's own output.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    prepare: async (env) => {
      log('removing what an earlier run left…');
      await clearLeftovers(env);
    },
    work: (env) =>
      runNode(
        'dist/apps/candidates/src/bench/search-bench.js',
        {
          ...env,
          BENCH_N: values.n,
          BENCH_CHUNK: values.chunk ?? '',
          BENCH_CONCURRENCY: values.concurrency,
          BENCH_QUERIES: values.queries,
          BENCH_SEED: values.seed,
          BENCH_OUT_DIR: join(ROOT, '.data', 'bench'),
        },
        'inherit',
      ),
  });
}

/**
 * Empties what the benchmark writes, so every run starts from the same state: the candidates' and
 * matching's tables (not the taxonomy, which is the input), the scratch schema of the raw baselines, the
 * bench_ indexes other than the taxonomy's, and the bbbench queues (jobs of candidates that are gone).
 */
async function clearLeftovers(env: NodeJS.ProcessEnv): Promise<void> {
  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ name: string }>(
      `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
       where table_schema in ('candidates', 'matching') and table_type = 'BASE TABLE'
         and table_name not like 'mikro_orm_migrations%'`,
    );
    if (rows.length)
      await db.query(`truncate ${rows.map((r) => r.name).join(', ')} restart identity cascade`);
    await db.query('drop schema if exists bench_scratch cascade');
  } finally {
    await db.end();
  }

  const meili = new Meilisearch({ host: env.MEILI_URL!, apiKey: env.MEILI_MASTER_KEY });
  const { results } = await meili.getRawIndexes({ limit: 1000 });
  for (const { uid } of results) {
    if (uid.startsWith(INDEX_PREFIX) && !uid.startsWith(`${INDEX_PREFIX}taxonomy-`)) {
      await meili.deleteIndex(uid).waitTask({ timeout: 120_000 });
    }
  }

  for (const name of QUEUES) {
    const queue = new Queue(name, {
      connection: redisOptions(env.REDIS_URL!),
      prefix: bullPrefix(REDIS_PREFIX),
    });
    await queue.obliterate({ force: true });
    await queue.close();
  }
}
