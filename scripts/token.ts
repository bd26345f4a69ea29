/*
 * `npm run token -- <role> [--employer <id>] [--candidate <id>] [--sub <id>] [--hours <n>]`
 * prints a bearer token for local use, signed with JWT_SECRET or the secret `npm start` keeps in .data/.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// Scripts run from source on plain Node, which knows no path aliases: a relative import is the only way in.
// eslint-disable-next-line no-restricted-imports
import { isRole, signAccessToken } from '../libs/platform/src/auth/token.ts';
// eslint-disable-next-line no-restricted-imports
import type { Actor } from '../libs/contracts/src/auth.ts';
import { localSecrets } from './lib/deps.ts';
import { ROOT } from './lib/build.ts';

const usage =
  'usage: npm run token -- <staff|employer|candidate|admin> [--employer <id>] [--candidate <id>] [--sub <id>] [--hours <n>]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    employer: { type: 'string' },
    candidate: { type: 'string' },
    sub: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});
const role = positionals[0];
if (!isRole(role)) {
  console.error(usage);
  process.exit(2);
}
if (role === 'employer' && !values.employer) {
  console.error('an employer token needs --employer <employer id>');
  process.exit(2);
}
if (role === 'candidate' && !values.candidate) {
  console.error('a candidate token needs --candidate <candidate id>');
  process.exit(2);
}
const actor: Actor = { sub: values.sub ?? `local-${role}`, role };
if (values.employer) actor.employerId = values.employer;
if (values.candidate) actor.candidateId = values.candidate;
const secret = process.env.JWT_SECRET ?? localSecrets(join(ROOT, '.data')).jwtSecret;
console.log(signAccessToken(actor, secret, Math.round(Number(values.hours) * 3600)));
