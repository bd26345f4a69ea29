import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const json = (file: string) =>
  JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as {
    compilerOptions?: { paths: object };
    jsc?: { paths: object };
  };

describe('path aliases', () => {
  it('the build (.swcrc) rewrites every alias the type check knows, except test-only entries', () => {
    // A lib missing here type-checks and passes jest, then fails in dist with "Cannot find module".
    const tsc = Object.keys(json('tsconfig.json').compilerOptions!.paths).filter(
      (k) => !/^@brobygger\/[^/]+\/testing$/.test(k),
    );
    const swc = Object.keys(json('.swcrc').jsc!.paths);
    expect(swc.sort()).toEqual(tsc.sort());
  });
});
