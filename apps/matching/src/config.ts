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
