/*
 * `npm run eval:matching`: builds, finds or starts Meilisearch for the baseline (scripts/lib/deps.ts, as
 * `npm start` does; it also finds or starts PostgreSQL and Redis, which the eval does not use), then prints
 * the matching engine's quality figures (apps/matching/src/eval/eval-matching.ts says what they measure).
 * The baseline's index carries its own prefix (evalm_) and is deleted at the end; whatever this started
 * stops at the end, also on failure or Ctrl-C. The result is also written to .data/eval/matching-<timestamp>.json.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { build, ROOT } from './lib/build.ts';
import { localSecrets, resolveDeps, stopChild, type Deps } from './lib/deps.ts';
import { assertNode24 } from './lib/node-version.ts';
import { runNode } from './lib/system.ts';

const INDEX_PREFIX = 'evalm_';

assertNode24();
const log = (line: string) => console.error(`[eval:matching] ${line}`);
const dataDir = join(ROOT, '.data');

let pendingDeps: Promise<Deps> | undefined;
let evaluation: ChildProcess | undefined;
let stopping: Promise<void> | undefined;
async function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    if (evaluation) await stopChild(evaluation);
    const deps = await pendingDeps?.catch(() => undefined);
    await deps?.stop();
  })();
  await stopping;
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(130));

try {
  build();
  const secrets = localSecrets(dataDir);
  pendingDeps = resolveDeps({ dataDir, env: process.env, meiliKey: secrets.meiliKey, log });
  const deps = await pendingDeps;
  log(deps.notes.find((n) => n.startsWith('Meilisearch')) ?? 'Meilisearch found');
  if (!stopping) {
    evaluation = runNode(
      'dist/apps/matching/src/eval/eval-matching.js',
      {
        ...process.env,
        MEILI_URL: deps.meiliUrl,
        MEILI_MASTER_KEY: deps.meiliKey,
        MEILI_INDEX_PREFIX: INDEX_PREFIX,
        EVAL_OUT_DIR: join(dataDir, 'eval'),
      },
      'inherit',
    );
    const child = evaluation;
    const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
    await shutdown(code);
  }
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  await shutdown(1);
}
