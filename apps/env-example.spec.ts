import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { candidatesEnv } from './candidates/src/config';
import { employersEnv } from './employers/src/config';
import { gatewayEnv } from './gateway/src/config';
import { matchingEnv } from './matching/src/config';
import { taxonomyEnv } from './taxonomy/src/config';

describe('.env.example', () => {
  const documented = new Set(
    readFileSync(join(__dirname, '..', '.env.example'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=')[0]),
  );
  const known = new Set(
    [gatewayEnv, candidatesEnv, employersEnv, matchingEnv, taxonomyEnv].flatMap((s) => Object.keys(s)),
  );

  it('documents every key an app reads', () => {
    expect([...known].filter((k) => !documented.has(k))).toEqual([]);
  });

  it('documents no key that no app reads', () => {
    expect([...documented].filter((k) => !known.has(k))).toEqual([]);
  });
});
