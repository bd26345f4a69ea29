/*
 * `npm start`: brings the whole system up on this machine. Finds or starts PostgreSQL, Redis and
 * Meilisearch, builds, migrates, imports the taxonomy, starts the five apps, waits until /api/health says 200, prints the URLs,
 * and on Ctrl-C (or SIGTERM) stops everything it started.
 *
 *   --skip-build   use dist/ as it is (the e2e harness builds once for all tests)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, ROOT } from './lib/build.ts';
import { localSecrets, resolveDeps } from './lib/deps.ts';
import { assertNode24 } from './lib/node-version.ts';
import { importTaxonomy, localEnv, migrateAll, startApps, waitForHealth } from './lib/system.ts';

assertNode24();

// Ctrl-C in a terminal signals the whole foreground process group at once: embedded PostgreSQL, Redis,
// Meilisearch and the apps would all stop together, the database possibly before the apps finish their
// work. So the real work runs in a child that leads its own process group; this parent only passes on
// signals, and the child stops everything in order. The IPC channel ties the child to this parent: if the
// parent dies any other way (terminal closed, SIGKILL), the child notices and stops everything too.
// BROBYGGER_START_LEADER=1 runs the work in this process directly (the e2e harness does, so each system it
// starts stays in jest's process group).
if (!process.env.BROBYGGER_START_LEADER) {
  const leader = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BROBYGGER_START_LEADER: '1' },
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => leader.kill(sig));
  leader.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await run();
}

async function run(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const dataDir = join(ROOT, '.data');
  const log = (line: string) => console.error(`[start] ${line}`);

  const secrets = localSecrets(dataDir);
  const pendingDeps = resolveDeps({ dataDir, env: process.env, meiliKey: secrets.meiliKey, log });

  let apps: ReturnType<typeof startApps> | undefined;
  // One shutdown, however many signals arrive: a second Ctrl-C waits for the first to finish. Installed
  // before anything starts, so a Ctrl-C during PostgreSQL's first start still stops what was started.
  let stopping: Promise<void> | undefined;
  async function shutdown(code: number): Promise<never> {
    stopping ??= (async () => {
      log('stopping…');
      await apps?.stop();
      const deps = await pendingDeps.catch(() => undefined); // a start under way finishes, then stops
      await deps?.stop();
      log('stopped');
    })();
    await stopping;
    process.exit(code);
  }
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(0));
  process.on('disconnect', () => void shutdown(1)); // the parent (and with it the terminal) is gone

  try {
    const deps = await pendingDeps;
    deps.notes.forEach((n) => log(n));
    const port = process.env.PORT ?? '3000';
    const env = { ...(await localEnv(deps, secrets, process.env)), PORT: port };
    if (!args.has('--skip-build')) {
      log('building…');
      build();
    }
    log('migrating…');
    await migrateAll(env);
    log('importing the taxonomy (the first run builds its search indexes, a minute or two)…');
    await importTaxonomy(env);
    if (stopping) return; // stopped meanwhile: start nothing more
    log('starting gateway, candidates, employers, matching, taxonomy…');
    apps = startApps(env, (app, code) => {
      log(`${app} exited (code ${code}); shutting down`);
      void shutdown(1);
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(`${base}/api/health`, 60_000);
    console.log(
      [
        '',
        `Brobygger is up: ${base}/api`,
        `  API docs:  ${base}/api/docs`,
        `  health:    ${base}/api/health`,
        `  a token:   npm run token -- staff`,
        '  Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    log(err instanceof Error ? err.message : String(err));
    await shutdown(1);
  }
}
