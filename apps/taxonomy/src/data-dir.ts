import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The `data/` folder of the checkout or image this code runs from, whether from source or from dist/ (they
 * sit at different depths), found by walking up to the first folder that has `data/<sub>`.
 */
export function shippedData(sub: string): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'data', sub);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`data/${sub} not found above ${__dirname}`);
}
