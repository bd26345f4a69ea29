/*
 * `npm run bench:matching [-- --n 100000] [--chunk 2000] [--seed 7] [--runs 2] [--workers 3]`: measures the
 * matching engine as ratios from one run: the scorer against a bare bitset loop, publishing an opening
 * (every match stored, every notification queued) against the sum of its raw parts, and several worker
 * processes against one (apps/matching/src/bench/matching-bench.ts does the measuring and says what each
 * ratio compares).
 *
 * Only what matching needs runs: PostgreSQL and Redis (found or started as `npm start` finds them; not
 * Meilisearch, which matching never calls), the matching service's own worker processes (started here when
 * the benchmark asks for them: one, then --workers in all), and the benchmark, which also answers the two RPC
 * questions the workers ask other services. Everything is its own: database brobygger_bench_matching, Redis
 * prefix bbbenchm, so a running `npm start`, `npm test` or another benchmark is neither touched nor counted.
 * Whatever a previous run left there is removed first; the database stays afterwards (for a look at the
 * matches), the Redis keys do not. Everything it started stops at the end, also on failure or Ctrl-C. The
 * result is printed and written to .data/bench/matching-<timestamp>.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
// Scripts run from source on plain Node, which knows no path aliases: a relative import is the only way in.
// eslint-disable-next-line no-restricted-imports
import { ensureDatabase } from '../libs/persistence/src/test-database.ts';
// eslint-disable-next-line no-restricted-imports
import { redisOptions } from '../libs/platform/src/redis.ts';
// Type-only, so erased when Node strips the types: the benchmark itself runs from dist/.
import type { WorkersMessage } from '../apps/matching/src/bench/matching-bench.ts';
import { build, ROOT } from './lib/build.ts';
import { resolveDeps, stopChild } from './lib/deps.ts';
import { runAsGroupLeader } from './lib/leader.ts';
import { assertNode24 } from './lib/node-version.ts';
import { runNode } from './lib/system.ts';

const DATABASE = 'brobygger_bench_matching';
const REDIS_PREFIX = 'bbbenchm';
const MATCHING_SCHEMA = 'matching';

assertNode24();

// The work runs in a child leading its own process group (see scripts/lib/leader.ts).
await runAsGroupLeader('BROBYGGER_BENCH_LEADER', run);

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '100000' },
      chunk: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '7' },
      runs: { type: 'string', default: '2' },
      workers: { type: 'string', default: '3' },
    },
  });
  const log = (line: string) => console.error(`[bench:matching] ${line}`);
  const dataDir = join(ROOT, '.data');
  // Naming a Meilisearch stops resolveDeps from looking for one or starting it; nothing here connects to it.
  const pendingDeps = resolveDeps({
    dataDir,
    env: { ...process.env, MEILI_URL: 'http://127.0.0.1:9', MEILI_MASTER_KEY: 'not-used-by-this-benchmark' },
    meiliKey: '',
    log,
  });

  let redisUrl: string | undefined;
  let bench: ChildProcess | undefined;
  const workers: ChildProcess[] = [];
  let stopping: Promise<void> | undefined;
  async function shutdown(code: number): Promise<never> {
    stopping ??= (async () => {
      if (bench) await stopChild(bench);
      await Promise.all(workers.map((w) => stopChild(w)));
      if (redisUrl) await removeRedisKeys(redisUrl).catch((e: unknown) => log(`Redis cleanup: ${String(e)}`));
      const deps = await pendingDeps.catch(() => undefined);
      await deps?.stop();
    })();
    await stopping;
    process.exit(code);
  }
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(130));
  process.on('disconnect', () => void shutdown(1));

  try {
    const deps = await pendingDeps;
    deps.notes.filter((n) => !n.startsWith('Meilisearch')).forEach((n) => log(n));
    redisUrl = deps.redisUrl;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: await ensureDatabase(deps.postgresServerUrl, DATABASE),
      REDIS_URL: deps.redisUrl,
      REDIS_PREFIX,
      // Required by the matching service (reply links in notifications, which the benchmark never sends).
      REPLY_LINK_SECRET: randomBytes(32).toString('hex'),
      MATCHING_CHUNK_SIZE: values.chunk,
      // Every chunk at info level would bury the benchmark's own output.
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    };
    log('building…');
    build();
    log('migrating…');
    const migrate = runNode('dist/apps/matching/src/migrate.js', env, 'inherit');
    const migrated = await new Promise<number | null>((resolve) => migrate.once('exit', resolve));
    if (migrated !== 0) throw new Error(`migrations of matching failed (exit ${migrated})`);
    log('removing what an earlier run left…');
    await clearLeftovers(env.DATABASE_URL!, deps.redisUrl);
    if (stopping) return;

    bench = spawn(
      process.execPath,
      ['--enable-source-maps', join(ROOT, 'dist/apps/matching/src/bench/matching-bench.js')],
      {
        cwd: ROOT,
        env: {
          ...env,
          BENCH_N: values.n,
          BENCH_SEED: values.seed,
          BENCH_RUNS: values.runs,
          BENCH_WORKERS: values.workers,
          BENCH_OUT_DIR: join(dataDir, 'bench'),
        },
        // The IPC channel carries the benchmark's requests for worker processes (matching-bench.ts).
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const benchRun = bench;
    benchRun.on('message', (m: WorkersMessage) => {
      if (m?.kind !== 'workers') return;
      while (workers.length < m.count) {
        const worker = runNode('dist/apps/matching/src/main.js', env, 'inherit');
        worker.once('exit', (code) => {
          if (stopping) return;
          log(`a matching process exited (code ${code}) during the benchmark`);
          void shutdown(1);
        });
        workers.push(worker);
      }
      benchRun.send({ kind: 'workers', count: workers.length } satisfies WorkersMessage);
    });
    const code = await new Promise<number>((resolve) => benchRun.once('exit', (c) => resolve(c ?? 1)));
    await shutdown(code);
  } catch (err) {
    log(err instanceof Error ? err.message : String(err));
    await shutdown(1);
  }
}

/**
 * Empties what the benchmark writes, so every run starts from the same state: every table of matching's
 * schema (the benchmark loads its read model again) and every Redis key under the benchmark's prefix.
 */
async function clearLeftovers(databaseUrl: string, redisUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ name: string }>(
      `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
       where table_schema = $1 and table_type = 'BASE TABLE' and table_name not like 'mikro_orm_migrations%'`,
      [MATCHING_SCHEMA],
    );
    if (rows.length)
      await db.query(`truncate ${rows.map((r) => r.name).join(', ')} restart identity cascade`);
  } finally {
    await db.end();
  }
  await removeRedisKeys(redisUrl);
}

/** BullMQ's keys (`bbbenchm.bull:…`) and anything else under the prefix; RPC uses channels, not keys. */
async function removeRedisKeys(redisUrl: string): Promise<void> {
  const redis = new Redis(redisOptions(redisUrl));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}.*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
