import { commonEnv, databaseEnv, env, meiliEnv, outboxEnv, type ConfigOf } from '@brobygger/platform';

export const candidatesEnv = {
  ...commonEnv,
  ...databaseEnv,
  ...meiliEnv,
  ...outboxEnv,
  SEARCH_INDEX_CONCURRENCY: env.int({
    default: 4,
    min: 1,
    max: 64,
    describe: 'search-index jobs one candidates process runs at once',
  }),
};
export type CandidatesConfig = ConfigOf<typeof candidatesEnv>;
