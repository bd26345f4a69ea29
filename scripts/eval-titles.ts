/*
 * `npm run eval:titles [-- --no-meili] [--misses]`: builds, starts a throwaway Meilisearch (or uses MEILI_URL,
 * as `npm test` does) to measure today's search beside the title matcher, and prints the figures of
 * apps/taxonomy/src/eval-titles.ts. `--no-meili` leaves today's search out; `--misses` lists the
 * development titles the matcher gets wrong. Everything it started stops at the end.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build, ROOT } from './lib/build.ts';
import { localSecrets, resolveDeps } from './lib/deps.ts';
import { assertNode24 } from './lib/node-version.ts';

assertNode24();
build();
const args = process.argv.slice(2).filter((a) => a !== '--no-meili');
const script = join(ROOT, 'dist/apps/taxonomy/src/eval-titles.js');
let status: number | null;
if (process.argv.includes('--no-meili')) {
  status = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' }).status;
} else {
  const dataDir = join(ROOT, '.data');
  const deps = await resolveDeps({
    dataDir,
    env: process.env,
    meiliKey: localSecrets(dataDir).meiliKey,
    ephemeral: true,
    log: (line) => console.error(`[eval:titles] ${line}`),
  });
  try {
    status = spawnSync(process.execPath, [script, '--meili', deps.meiliUrl, deps.meiliKey, ...args], {
      stdio: 'inherit',
    }).status;
  } finally {
    await deps.stop();
  }
}
process.exit(status ?? 1);
