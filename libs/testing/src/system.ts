import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Actor } from '@brobygger/contracts';
import { signAccessToken } from '@brobygger/platform';
import { isolate, type Isolation } from './env';

const ROOT = join(__dirname, '..', '..', '..');

/** A slice of the real taxonomy (scripts/taxonomy-fixture.ts): ten occupations and their skills. */
export const TAXONOMY_FIXTURE = join(ROOT, 'test', 'fixtures', 'taxonomy');

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export interface RunningSystem {
  baseUrl: string;
  isolation: Isolation;
  token(actor: Partial<Actor> & Pick<Actor, 'role'>): string;
  /** fetch against the API with an optional bearer token and JSON body; returns status and parsed body. */
  api<T = unknown>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  stop(): Promise<void>;
}

/**
 * Starts the whole system the way `npm start` does (scripts/start.ts, from the dist/ that `npm test` built),
 * against this test file's own database, Redis prefix and index prefix, on a free port.
 */
export async function startSystem(): Promise<RunningSystem> {
  const isolation = await isolate();
  const port = await freePort();
  const jwtSecret = randomBytes(32).toString('hex');
  const startScript = [
    '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
    join(ROOT, 'scripts/start.ts'),
    '--skip-build',
  ];
  const child: ChildProcess = spawn(process.execPath, startScript, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      // Run the system in this process group, so stopping jest's group reaches it (see scripts/start.ts).
      BROBYGGER_START_LEADER: '1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      PORT: String(port),
      JWT_SECRET: jwtSecret,
      REPLY_LINK_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: isolation.databaseUrl,
      REDIS_URL: isolation.redisUrl,
      REDIS_PREFIX: isolation.redisPrefix,
      MEILI_URL: isolation.meiliUrl,
      MEILI_MASTER_KEY: isolation.meiliKey,
      MEILI_INDEX_PREFIX: isolation.meiliPrefix,
      OUTBOX_POLL_MS: '200',
      // The real data takes a minute to index; the slice in test/fixtures is real ESCO rows, and quick.
      TAXONOMY_DATA_DIR: TAXONOMY_FIXTURE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`system did not come up in 90s:\n${output}`)), 90_000);
    const onData = () => {
      if (output.includes('Brobygger is up')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start exited with ${code}:\n${output}`));
    });
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    isolation,
    token: (actor) => signAccessToken({ sub: `test-${actor.role}`, ...actor }, jwtSecret),
    async api(method, path, opts = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON (e.g. the docs page); keep the text
      }
      return { status: res.status, body: body as never, headers: res.headers };
    },
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
