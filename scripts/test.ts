/*
 * `npm test [-- <jest args>]`: the whole check a change must pass.
 *  1. static: Prettier, ESLint (type-aware, no warnings), the TypeScript type check;
 *  2. build dist/ (migrations and the e2e system run from it);
 *  3. dependencies as `npm start` finds them (env URL, local default port, or embedded);
 *  4. isolation per run: a migrated template database that each test file clones, a Redis key and channel
 *     prefix, a Meilisearch index prefix; all removed afterwards;
 *  5. jest's three projects, then one closing line `N passed, N failed` for CI.
 * Set TEST_SKIP_STATIC=1 to skip step 1 while iterating.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Meilisearch } from 'meilisearch';
// eslint-disable-next-line no-restricted-imports -- plain Node knows no path aliases
import { createDatabase, dropDatabases, listDatabases } from '../libs/persistence/src/test-database.ts';
import { build, ROOT } from './lib/build.ts';
import { localSecrets, resolveDeps } from './lib/deps.ts';
import { assertNode24 } from './lib/node-version.ts';
import { migrateAll } from './lib/system.ts';

assertNode24();
const log = (line: string) => console.error(`[test] ${line}`);
const bin = (pkg: string, file: string) => join(ROOT, 'node_modules', pkg, file);

function step(name: string, file: string, args: string[]): void {
  log(name);
  const res = spawnSync(process.execPath, [file, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) {
    log(`${name} failed`);
    console.log('0 passed, 1 failed');
    process.exit(res.status ?? 1);
  }
}

if (process.env.TEST_SKIP_STATIC !== '1') {
  step('prettier --check', bin('prettier', 'bin/prettier.cjs'), ['--check', '--log-level', 'warn', '.']);
  step('eslint', bin('eslint', 'bin/eslint.js'), ['.', '--max-warnings', '0']);
  step('tsc --noEmit', bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.json', '--noEmit']);
}
log('build');
build();

// Lower case and short: it becomes part of database names, Redis keys and index names.
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const dataDir = join(ROOT, '.data', 'test');
mkdirSync(dataDir, { recursive: true });
const secrets = localSecrets(join(ROOT, '.data'));
const deps = await resolveDeps({
  dataDir,
  env: process.env,
  meiliKey: secrets.meiliKey,
  log,
  ephemeral: true,
});
deps.notes.forEach((n) => log(n));

const dbPrefix = `bb_t_${runId}_`;
const template = `${dbPrefix}tpl`;
const redisPrefix = `t${runId}`;
const meiliPrefix = `t${runId}_`;

async function cleanup(): Promise<void> {
  await dropDatabases(deps.postgresServerUrl, dbPrefix).catch((e: unknown) =>
    log(`dropping test databases failed: ${String(e)}`),
  );
  const redis = new Redis(deps.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } catch (e) {
    log(`cleaning Redis keys failed: ${String(e)}`);
  } finally {
    redis.disconnect();
  }
  try {
    const meili = new Meilisearch({ host: deps.meiliUrl, apiKey: deps.meiliKey });
    const { results } = await meili.getIndexes({ limit: 1000 });
    for (const idx of results.filter((i) => i.uid.startsWith(meiliPrefix))) await meili.deleteIndex(idx.uid);
  } catch (e) {
    log(`deleting test indexes failed: ${String(e)}`);
  }
  await deps.stop();
}

// A run that was killed outright (SIGKILL, a crashed machine) left its databases behind. Run ids start with
// the run's start time in base 36, so databases of runs older than six hours can go: no run lasts that long.
async function dropDeadRuns(): Promise<void> {
  const cutoff = Date.now() - 6 * 3600_000;
  for (const name of await listDatabases(deps.postgresServerUrl, 'bb_t_')) {
    const started = parseInt(name.split('_')[2]?.slice(0, -4) ?? '', 36);
    if (Number.isFinite(started) && started < cutoff) await dropDatabases(deps.postgresServerUrl, name);
  }
}

/** Resolves once no process of the group is left (jest, its workers, the systems e2e tests started). */
async function groupGone(pgid: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Ctrl-C or a CI timeout: stop jest with its workers and the systems they started, wait until all of them
// are gone, clean up, and still say what happened. Jest runs in its own process group so that one signal
// reaches all of it. Further signals while this runs are ignored: cleanup must not be cut short.
let jestChild: ReturnType<typeof spawn> | undefined;
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (interrupted) return log(`${sig}: already cleaning up`);
    interrupted = true;
    log(`${sig}: stopping jest and cleaning up`);
    const pgid = jestChild?.exitCode === null ? jestChild.pid : undefined;
    if (pgid) process.kill(-pgid, 'SIGTERM');
    void (pgid ? groupGone(pgid, 30_000) : Promise.resolve()).then(cleanup).finally(() => {
      console.log('0 passed, 1 failed');
      process.exit(130);
    });
  });
}

let exitCode = 1;
const report = join(dataDir, `jest-${runId}.json`);
try {
  await dropDeadRuns().catch((e: unknown) => log(`dropping databases of dead runs failed: ${String(e)}`));
  await createDatabase(deps.postgresServerUrl, template);
  await migrateAll({
    ...process.env,
    DATABASE_URL: `${deps.postgresServerUrl}${template}`,
    LOG_LEVEL: 'warn',
  });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    TEST_RUN_ID: runId,
    TEST_PG_SERVER_URL: deps.postgresServerUrl,
    TEST_TEMPLATE_DB: template,
    TEST_DB_PREFIX: dbPrefix,
    REDIS_URL: deps.redisUrl,
    TEST_REDIS_PREFIX: redisPrefix,
    MEILI_URL: deps.meiliUrl,
    MEILI_MASTER_KEY: deps.meiliKey,
    TEST_MEILI_PREFIX: meiliPrefix,
  };
  const jestArgs = [
    '--experimental-vm-modules',
    bin('jest', 'bin/jest.js'),
    '--json',
    '--outputFile',
    report,
  ];
  // Two cores: integration and e2e files each start real services; one worker for them keeps timings sane.
  const child = (jestChild = spawn(
    process.execPath,
    [...jestArgs, '--maxWorkers=2', ...process.argv.slice(2)],
    {
      cwd: ROOT,
      env,
      stdio: 'inherit',
      detached: true,
    },
  ));
  exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
} catch (err) {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
} finally {
  await cleanup();
}

if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numRuntimeErrorTestSuites: number;
  };
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests} skipped`);
  rmSync(report);
} else {
  console.log('0 passed, 1 failed');
}
process.exit(exitCode);
