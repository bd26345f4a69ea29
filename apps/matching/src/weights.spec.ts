import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WEIGHTS } from '@brobygger/scoring';
import { loadWeights } from './weights';

const dir = mkdtempSync(join(tmpdir(), 'weights-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('loadWeights', () => {
  it('uses the defaults without a file', () => {
    expect(loadWeights(undefined)).toBe(DEFAULT_WEIGHTS);
  });

  it('overrides the keys a file names and keeps the rest', () => {
    const w = loadWeights(file('ok.json', JSON.stringify({ version: 'oslo-1', mustHave: 50, distance: 5 })));
    expect(w).toMatchObject({
      version: 'oslo-1',
      mustHave: 50,
      distance: 5,
      language: DEFAULT_WEIGHTS.language,
    });
  });

  it('refuses changed numbers under the default version', () => {
    expect(() => loadWeights(file('same.json', JSON.stringify({ mustHave: 50 })))).toThrow(
      /mustHave differ from the defaults, so "version" must differ from "w3"/,
    );
  });

  it('names unknown keys, bad numbers and unreadable files', () => {
    expect(() => loadWeights(file('typo.json', JSON.stringify({ version: 'x', mustHav: 1 })))).toThrow(
      /unknown key\(s\) mustHav/,
    );
    expect(() => loadWeights(file('neg.json', JSON.stringify({ version: 'x', distance: -1 })))).toThrow(
      /distance must be a finite number/,
    );
    expect(() => loadWeights(file('frac.json', JSON.stringify({ version: 'x', nearMissFactor: 2 })))).toThrow(
      /nearMissFactor must be at most 1/,
    );
    expect(() => loadWeights(file('bad.json', '{ nope'))).toThrow(/MATCHING_WEIGHTS_FILE .*bad.json/);
    expect(() => loadWeights(file('arr.json', '[1]'))).toThrow(/expected a JSON object/);
    expect(() => loadWeights(join(dir, 'missing.json'))).toThrow(/ENOENT/);
  });
});
