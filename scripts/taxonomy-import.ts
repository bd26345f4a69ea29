/*
 * `npm run taxonomy:import`: builds, migrates and loads the taxonomy shipped in data/taxonomy (or
 * TAXONOMY_DATA_DIR) into the same PostgreSQL and Meilisearch `npm start` uses, starting them if need be.
 * Re-running it with the same release changes nothing. `npm start` runs the same step on every start.
 */
import { join } from 'node:path';
import { build, ROOT } from './lib/build.ts';
import { localSecrets, resolveDeps } from './lib/deps.ts';
import { assertNode24 } from './lib/node-version.ts';
import { importTaxonomy, localEnv, migrateAll } from './lib/system.ts';

assertNode24();
const dataDir = join(ROOT, '.data');
const log = (line: string) => console.error(`[taxonomy:import] ${line}`);
const secrets = localSecrets(dataDir);
const deps = await resolveDeps({ dataDir, env: process.env, meiliKey: secrets.meiliKey, log });
let failed = false;
try {
  deps.notes.forEach((n) => log(n));
  const env = await localEnv(deps, secrets, process.env);
  build();
  await migrateAll(env);
  await importTaxonomy(env);
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  failed = true;
} finally {
  await deps.stop();
}
process.exit(failed ? 1 : 0);
