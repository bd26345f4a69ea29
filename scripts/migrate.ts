/* `npm run migrate`: builds and applies every service's migrations to DATABASE_URL. */
import { build } from './lib/build.ts';
import { assertNode24 } from './lib/node-version.ts';
import { migrateAll } from './lib/system.ts';

assertNode24();
if (!process.env.DATABASE_URL) {
  console.error(
    'Set DATABASE_URL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/brobygger npm run migrate',
  );
  process.exit(2);
}
build();
await migrateAll(process.env);
