/* `npm run eval:taxonomy`: builds, then prints the taxonomy's quality figures (apps/taxonomy/src/eval.ts). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build, ROOT } from './lib/build.ts';
import { assertNode24 } from './lib/node-version.ts';

assertNode24();
build();
const res = spawnSync(process.execPath, [join(ROOT, 'dist/apps/taxonomy/src/eval.js')], { stdio: 'inherit' });
process.exit(res.status ?? 1);
