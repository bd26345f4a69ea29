/*
 * `npm run eval:taxonomy`: builds, prints the taxonomy's in-process quality figures (apps/taxonomy/src/eval.ts),
 * then the everyday-words figures measured from outside through the HTTP API (apps/taxonomy/src/eval-everyday.ts).
 *
 * With GATEWAY_URL set, the second part asks that running system (JWT_SECRET, else the local secret `npm start`
 * keeps in .data/, signs its token). Without it, it starts the system the way `npm start` does but alone
 * (scripts/lib/system.ts runOwnSystem): database brobygger_eval_taxonomy, Redis prefix bbevalt, index prefix
 * evalt_, its own JWT secret and a free port, and stops it at the end, also on failure or Ctrl-C. The first such
 * run imports the full taxonomy into its own database and indexes (a minute or two); later runs skip that.
 * Results are also written to .data/eval/everyday-<timestamp>.json.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build, ROOT } from './lib/build.ts';
import { localSecrets } from './lib/deps.ts';
import { runAsGroupLeader } from './lib/leader.ts';
import { assertNode24 } from './lib/node-version.ts';
import { runNode, runOwnSystem } from './lib/system.ts';

const EVERYDAY = 'dist/apps/taxonomy/src/eval-everyday.js';
const log = (line: string) => console.error(`[eval:taxonomy] ${line}`);
const dataDir = join(ROOT, '.data');

assertNode24();

// The work runs in a child leading its own process group (see scripts/lib/leader.ts).
await runAsGroupLeader('BROBYGGER_EVAL_LEADER', run);

async function run(): Promise<void> {
  build();
  const inProcess = spawnSync(process.execPath, [join(ROOT, 'dist/apps/taxonomy/src/eval.js')], {
    stdio: 'inherit',
  });
  if (inProcess.status !== 0) process.exit(inProcess.status ?? 1);

  const outDir = { EVAL_OUT_DIR: join(dataDir, 'eval') };
  if (process.env.GATEWAY_URL) {
    log(`asking the running system at ${process.env.GATEWAY_URL}`);
    const env = {
      ...process.env,
      ...outDir,
      JWT_SECRET: process.env.JWT_SECRET ?? localSecrets(dataDir).jwtSecret,
    };
    const child = runNode(EVERYDAY, env, 'inherit');
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => child.kill(sig));
    process.exit(await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1))));
  }
  await runOwnSystem({
    database: 'brobygger_eval_taxonomy',
    redisPrefix: 'bbevalt',
    indexPrefix: 'evalt_',
    log,
    env: { ...outDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    work: (env) => runNode(EVERYDAY, env, 'inherit'),
  });
}
