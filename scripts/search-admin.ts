/*
 * `npm run search:reindex` / `npm run search:check [-- --fix]`: builds, then runs the candidates service's
 * search-admin command against the PostgreSQL, Redis and Meilisearch `npm start` uses. Run them while the
 * system is up (`npm start` in another terminal): documents carry labels from the taxonomy service.
 */
import { join } from 'node:path';
import { build, ROOT } from './lib/build.ts';
import { localSecrets, resolveDeps } from './lib/deps.ts';
import { assertNode24 } from './lib/node-version.ts';
import { localEnv, runNode } from './lib/system.ts';

assertNode24();
const [command, ...rest] = process.argv.slice(2);
const log = (line: string) => console.error(`[search:${command}] ${line}`);
const dataDir = join(ROOT, '.data');
const secrets = localSecrets(dataDir);
const deps = await resolveDeps({ dataDir, env: process.env, meiliKey: secrets.meiliKey, log });
let code = 1;
try {
  deps.notes.forEach((n) => log(n));
  const env = await localEnv(deps, secrets, process.env);
  build();
  const child = runNode('dist/apps/candidates/src/search-admin.js', env, 'inherit', [command, ...rest]);
  code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
} finally {
  await deps.stop();
}
process.exit(code);
