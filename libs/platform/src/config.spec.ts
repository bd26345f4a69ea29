import { ConfigError, commonEnv, databaseEnv, env, loadConfig } from './config';

describe('loadConfig', () => {
  const spec = {
    ...commonEnv,
    ...databaseEnv,
    PORT: env.int({ default: 3000, min: 1, max: 65_535, describe: 'port' }),
  };

  it('applies defaults and parses types', () => {
    const c = loadConfig(spec, { DATABASE_URL: 'postgres://u@h:5432/db', PORT: '8080' });
    expect(c).toMatchObject({
      PORT: 8080,
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('lists every bad key at once', () => {
    let caught: unknown;
    try {
      loadConfig(spec, { PORT: 'eighty', REDIS_URL: 'http://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
    ]);
  });

  it('refuses a prefix that could break Redis keys or index names', () => {
    expect(() => loadConfig(commonEnv, { REDIS_PREFIX: 'a:b' })).toThrow(/REDIS_PREFIX/);
  });
});
