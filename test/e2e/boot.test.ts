import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Each built app refuses to start on a bad environment, naming every bad key at once, before connecting. */
describe.each(['gateway', 'candidates', 'employers', 'matching'])('%s with a bad environment', (app) => {
  it('exits 1 listing every bad key', () => {
    const res = spawnSync(process.execPath, [join(ROOT, 'dist/apps', app, 'src/main.js')], {
      env: {
        PATH: process.env.PATH,
        REDIS_URL: 'not a url',
        LOG_LEVEL: 'chatty',
        DATABASE_URL: 'mysql://x/y',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Invalid environment');
    expect(res.stderr).toMatch(/REDIS_URL is not a URL/);
    expect(res.stderr).toMatch(/LOG_LEVEL must be one of/);
    if (app === 'gateway') expect(res.stderr).toMatch(/JWT_SECRET is required/);
    else expect(res.stderr).toMatch(/DATABASE_URL must use postgres or postgresql/);
  });
});
