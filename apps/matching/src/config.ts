import { commonEnv, databaseEnv, env, rpcClientEnv, type ConfigOf } from '@brobygger/platform';

export const matchingEnv = {
  ...commonEnv,
  ...databaseEnv,
  ...rpcClientEnv,
  MATCH_STORE_THRESHOLD: env.int({
    default: 30,
    min: 0,
    max: 100,
    describe: 'matches scoring at least this are stored and shown',
  }),
  MATCH_NOTIFY_THRESHOLD: env.int({
    default: 60,
    min: 0,
    max: 100,
    describe: 'matches scoring at least this notify the candidate',
  }),
  MATCH_TOP_N: env.int({
    default: 20,
    min: 0,
    max: 1000,
    describe: 'each opening also keeps its best N matches below the store threshold (0: none)',
  }),
  MATCHING_CHUNK_SIZE: env.int({
    default: 2_000,
    min: 1,
    max: 50_000,
    describe: 'candidates per scoring job when an opening is scored against everyone',
  }),
  MATCHING_WEIGHTS_FILE: env.optionalString(
    'JSON file of scoring weights overriding the defaults (with a new "version"); unset: the defaults',
  ),
  MATCHING_CONCURRENCY: env.int({
    default: 2,
    min: 1,
    max: 64,
    describe: 'matching jobs one process runs at once',
  }),
  NOTIFY_CONCURRENCY: env.int({
    default: 4,
    min: 1,
    max: 64,
    describe: 'notification jobs one process runs at once',
  }),
};
export type MatchingConfig = ConfigOf<typeof matchingEnv>;
