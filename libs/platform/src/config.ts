/**
 * Environment parsing. Each app declares the keys it reads as a spec; `loadConfig` turns `process.env` into
 * one typed, frozen object at boot or throws listing every bad key at once. Nothing else reads process.env.
 */
type Parser<T> = { parse(raw: string | undefined, key: string): T; describe: string; required: boolean };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
  }
}

class ParseProblem extends Error {}

function parser<T>(describe: string, required: boolean, parse: (raw: string) => T, fallback?: T): Parser<T> {
  return {
    describe,
    required,
    parse(raw, key) {
      if (raw === undefined || raw === '') {
        if (fallback !== undefined) return fallback;
        if (!required) return undefined as T;
        throw new ParseProblem(`${key} is required (${describe})`);
      }
      return parse(raw);
    },
  };
}

export const env = {
  string(opts: { default?: string; minLength?: number; describe: string }): Parser<string> {
    return parser(
      opts.describe,
      true,
      (raw) => {
        if (opts.minLength && raw.length < opts.minLength)
          throw new ParseProblem(`must be at least ${opts.minLength} characters`);
        return raw;
      },
      opts.default,
    );
  },
  optionalString(describe: string): Parser<string | undefined> {
    return parser(describe, false, (raw) => raw);
  },
  url(opts: { protocols: string[]; default?: string; describe: string }): Parser<string> {
    return parser(
      opts.describe,
      true,
      (raw) => {
        let url: URL;
        try {
          url = new URL(raw);
        } catch {
          throw new ParseProblem('is not a URL');
        }
        if (!opts.protocols.includes(url.protocol.replace(/:$/, '')))
          throw new ParseProblem(`must use ${opts.protocols.join(' or ')}://`);
        return raw;
      },
      opts.default,
    );
  },
  int(opts: { default?: number; min?: number; max?: number; describe: string }): Parser<number> {
    return parser(
      opts.describe,
      true,
      (raw) => {
        if (!/^-?\d+$/.test(raw)) throw new ParseProblem('must be a whole number');
        const n = Number(raw);
        if (opts.min !== undefined && n < opts.min) throw new ParseProblem(`must be at least ${opts.min}`);
        if (opts.max !== undefined && n > opts.max) throw new ParseProblem(`must be at most ${opts.max}`);
        return n;
      },
      opts.default,
    );
  },
  oneOf<const T extends string>(values: readonly T[], opts: { default?: T; describe: string }): Parser<T> {
    return parser(
      opts.describe,
      true,
      (raw) => {
        if (!values.includes(raw as T)) throw new ParseProblem(`must be one of ${values.join(', ')}`);
        return raw as T;
      },
      opts.default,
    );
  },
  prefix(opts: { default: string; describe: string }): Parser<string> {
    return parser(
      opts.describe,
      true,
      (raw) => {
        if (!/^[a-z0-9_-]{0,40}$/.test(raw))
          throw new ParseProblem('may hold only a-z, 0-9, _ and - (at most 40)');
        return raw;
      },
      opts.default,
    );
  },
};

export type EnvSpec = Record<string, Parser<unknown>>;
export type ConfigOf<S extends EnvSpec> = {
  readonly [K in keyof S]: S[K] extends Parser<infer T> ? T : never;
};

export function loadConfig<S extends EnvSpec>(
  spec: S,
  source: Record<string, string | undefined>,
): ConfigOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(spec)) {
    try {
      out[key] = p.parse(source[key], key);
    } catch (err) {
      if (!(err instanceof ParseProblem)) throw err;
      problems.push(err.message.startsWith(key) ? err.message : `${key} ${err.message} (${p.describe})`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(out) as ConfigOf<S>;
}

/** Keys every app reads. Each app's spec spreads the parts it needs. */
export const commonEnv = {
  NODE_ENV: env.oneOf(['development', 'test', 'production'], {
    default: 'development',
    describe: 'development, test or production',
  }),
  LOG_LEVEL: env.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    default: 'info',
    describe: 'pino log level',
  }),
  REDIS_URL: env.url({
    protocols: ['redis', 'rediss'],
    default: 'redis://127.0.0.1:6379',
    describe: 'Redis for the transport and BullMQ',
  }),
  REDIS_PREFIX: env.prefix({
    default: 'bb',
    describe:
      'namespace for Redis keys and RPC channels, so several deployments or test runs can share one Redis',
  }),
  JOB_LOCK_MS: env.int({
    default: 30_000,
    min: 1_000,
    max: 600_000,
    describe: 'a job whose worker died is taken over by another worker after about this long (ms)',
  }),
};

export const databaseEnv = {
  DATABASE_URL: env.url({
    protocols: ['postgres', 'postgresql'],
    describe: 'PostgreSQL connection URL, e.g. postgres://postgres@127.0.0.1:5432/brobygger',
  }),
};

export const meiliEnv = {
  MEILI_URL: env.url({ protocols: ['http', 'https'], describe: 'Meilisearch base URL' }),
  MEILI_MASTER_KEY: env.string({ minLength: 16, describe: 'Meilisearch master key (16 bytes or more)' }),
  MEILI_INDEX_PREFIX: env.prefix({ default: '', describe: 'prefix for Meilisearch index names' }),
};

export const rpcClientEnv = {
  RPC_TIMEOUT_MS: env.int({
    default: 10_000,
    min: 100,
    max: 120_000,
    describe: 'how long to wait for another service to answer an RPC call',
  }),
};

export const outboxEnv = {
  OUTBOX_POLL_MS: env.int({
    default: 500,
    min: 50,
    max: 60_000,
    describe: 'how often the outbox relay looks for rows a crash left behind',
  }),
};

export type CommonConfig = ConfigOf<typeof commonEnv>;

/** The gateway's address as people outside reach it (links in messages, forms on public pages). */
export const publicUrlEnv = {
  PUBLIC_URL: env.url({
    protocols: ['http', 'https'],
    default: 'http://localhost:3000',
    describe: "the gateway's address as candidates reach it; reply links and forms point there",
  }),
};

/** Links to localhost in messages sent from production would reach no one: refuse to start that way. */
export function assertPublicUrl(config: { NODE_ENV: string; PUBLIC_URL: string }): void {
  const host = new URL(config.PUBLIC_URL).hostname;
  if (config.NODE_ENV === 'production' && ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host)) {
    throw new ConfigError([`PUBLIC_URL must be the public address in production (is ${config.PUBLIC_URL})`]);
  }
}
