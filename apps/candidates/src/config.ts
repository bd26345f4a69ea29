import {
  commonEnv,
  databaseEnv,
  env,
  meiliEnv,
  outboxEnv,
  rpcClientEnv,
  type ConfigOf,
} from '@brobygger/platform';

export const candidatesEnv = {
  ...commonEnv,
  ...databaseEnv,
  ...meiliEnv,
  ...outboxEnv,
  ...rpcClientEnv,
  SEARCH_INDEX_CONCURRENCY: env.int({
    // High because jobs wait on Meilisearch, not the CPU, and jobs in flight share one write (see
    // CandidateSearchIndex): more in flight means bigger, fewer Meilisearch tasks.
    default: 256,
    min: 1,
    max: 1024,
    describe: 'search-index jobs one candidates process runs at once',
  }),
};
export type CandidatesConfig = ConfigOf<typeof candidatesEnv>;
