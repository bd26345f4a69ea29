import { createHash, randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
// Scripts run from source on plain Node, which knows no path aliases: a relative import is the only way in.
// eslint-disable-next-line no-restricted-imports
import { ensureDatabase } from '../../libs/persistence/src/test-database.ts';
import { localSecrets, resolveDeps, stopChild, type Deps } from './deps.ts';
import { freePort } from './net.ts';
import { ROOT } from './build.ts';

export const SERVICES = ['candidates', 'employers', 'matching', 'taxonomy'] as const;
export const APPS = ['gateway', ...SERVICES] as const;

export function runNode(
  file: string,
  env: NodeJS.ProcessEnv,
  stdio: 'inherit' | 'pipe',
  args: string[] = [],
): ChildProcess {
  return spawn(process.execPath, ['--enable-source-maps', join(ROOT, file), ...args], {
    cwd: ROOT,
    env,
    stdio,
  });
}

/** Applies each service's migrations to its own schema, one after the other. */
export async function migrateAll(env: NodeJS.ProcessEnv): Promise<void> {
  for (const svc of SERVICES) {
    const child = runNode(`dist/apps/${svc}/src/migrate.js`, env, 'inherit');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`migrations of ${svc} failed (exit ${code})`);
  }
}

/**
 * Loads the shipped taxonomy (or TAXONOMY_DATA_DIR) into PostgreSQL and Meilisearch. A no-op when that
 * release is already there, so every start may run it; the first one takes a minute or two.
 */
export async function importTaxonomy(env: NodeJS.ProcessEnv): Promise<void> {
  const child = runNode('dist/apps/taxonomy/src/import.js', env, 'inherit');
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the taxonomy import failed (exit ${code})`);
}

/**
 * The environment the apps run with on this machine: what the caller set, else the dependencies found or
 * started by resolveDeps, with the database `brobygger` created if it is ours to create.
 */
export async function localEnv(
  deps: Deps,
  secrets: { jwtSecret: string },
  env: NodeJS.ProcessEnv,
): Promise<NodeJS.ProcessEnv> {
  if (!env.DATABASE_URL) await ensureDatabase(deps.postgresServerUrl, 'brobygger');
  return {
    ...env,
    NODE_ENV: env.NODE_ENV ?? 'development',
    DATABASE_URL: env.DATABASE_URL ?? `${deps.postgresServerUrl}brobygger`,
    REDIS_URL: deps.redisUrl,
    MEILI_URL: deps.meiliUrl,
    MEILI_MASTER_KEY: deps.meiliKey,
    JWT_SECRET: env.JWT_SECRET ?? secrets.jwtSecret,
    // Its own key, derived from the local secret: a reply link must not verify as a bearer token.
    REPLY_LINK_SECRET:
      env.REPLY_LINK_SECRET ?? createHash('sha256').update(`reply-links/${secrets.jwtSecret}`).digest('hex'),
  };
}

export interface RunningApps {
  children: Map<string, ChildProcess>;
  stop(): Promise<void>;
}

/** Starts the five apps from dist/. Their JSON log lines go to this process's stdout. */
export function startApps(
  env: NodeJS.ProcessEnv,
  onExit: (app: string, code: number | null) => void,
): RunningApps {
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  for (const app of APPS) {
    const child = runNode(`dist/apps/${app}/src/main.js`, env, 'inherit');
    child.once('exit', (code) => {
      if (!stopping) onExit(app, code);
    });
    children.set(app, child);
  }
  return {
    children,
    async stop() {
      stopping = true;
      // The gateway first, so no new work arrives while the services finish theirs.
      await stopChild(children.get('gateway')!);
      await Promise.all(SERVICES.map((s) => stopChild(children.get(s)!)));
    },
  };
}

export async function waitForHealth(url: string, timeoutMs: number): Promise<unknown> {
  const until = Date.now() + timeoutMs;
  let last: unknown = 'no answer';
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      last = await res.json();
      if (res.status === 200) return last;
    } catch (err) {
      last = String(err);
    }
    await sleep(250);
  }
  throw new Error(`not healthy after ${timeoutMs / 1000}s: ${JSON.stringify(last)}`);
}

export interface OwnSystemOptions {
  /** This run's own database, Redis prefix and Meilisearch index prefix, so nothing else is touched or counted. */
  database: string;
  redisPrefix: string;
  indexPrefix: string;
  log: (line: string) => void;
  /** Extra environment for the apps and the work (LOG_LEVEL, for one). */
  env?: NodeJS.ProcessEnv;
  /** Runs after the migrations and the taxonomy import, before the apps start: to clear what an earlier run left. */
  prepare?: (env: NodeJS.ProcessEnv) => Promise<void>;
  /** Starts the work against the running system (usually a script from dist/); its exit code becomes ours. */
  work: (env: NodeJS.ProcessEnv, gatewayUrl: string) => ChildProcess;
}

/**
 * Runs `work` against the whole system started the way `npm start` does, but alone: dependencies found or
 * started as `npm start` finds them, its own database, Redis prefix, index prefix, JWT secret and a free port
 * (never 3000), so a running `npm start`, `npm test` or another run is neither touched nor counted. The
 * taxonomy import is a no-op after the first run. Everything it started stops at the end, also on failure or
 * a signal, and the process exits with the work's code. Build first: the apps run from dist/.
 */
export async function runOwnSystem(o: OwnSystemOptions): Promise<never> {
  const dataDir = join(ROOT, '.data');
  const secrets = localSecrets(dataDir);
  const pendingDeps = resolveDeps({ dataDir, env: process.env, meiliKey: secrets.meiliKey, log: o.log });

  let apps: RunningApps | undefined;
  let work: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;
  async function shutdown(code: number): Promise<never> {
    stopping ??= (async () => {
      if (work) await stopChild(work);
      await apps?.stop();
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
    deps.notes.forEach((n) => o.log(n));
    const databaseUrl = await ensureDatabase(deps.postgresServerUrl, o.database);
    const port = String(await freePort());
    const env: NodeJS.ProcessEnv = {
      ...(await localEnv(deps, secrets, { ...process.env, DATABASE_URL: databaseUrl })),
      REDIS_PREFIX: o.redisPrefix,
      MEILI_INDEX_PREFIX: o.indexPrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PORT: port,
      ...o.env,
    };
    o.log('migrating…');
    await migrateAll(env);
    o.log('importing the taxonomy (the full release: about a minute the first time, then a no-op)…');
    await importTaxonomy(env);
    if (o.prepare) await o.prepare(env);
    if (stopping) return await shutdown(130);
    o.log('starting the apps…');
    apps = startApps(env, (app, code) => {
      o.log(`${app} exited (code ${code}) during the run`);
      void shutdown(1);
    });
    const gatewayUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(`${gatewayUrl}/api/health`, 90_000);
    if (stopping) return await shutdown(130);
    const child = o.work({ ...env, GATEWAY_URL: gatewayUrl }, gatewayUrl);
    work = child;
    const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
    return await shutdown(code);
  } catch (err) {
    o.log(err instanceof Error ? err.message : String(err));
    return await shutdown(1);
  }
}
