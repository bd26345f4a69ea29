import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
export const ROOT = join(import.meta.dirname, '..', '..');

/** Compiles apps/ and libs/ into dist/ with SWC (about a second); path aliases are rewritten to relative paths. */
export function build(): void {
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  const swc = require.resolve('@swc/cli/bin/swc.js');
  const res = spawnSync(process.execPath, [swc, 'apps', 'libs', '-d', 'dist', '--copy-files', '--quiet'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error('build failed');
}
