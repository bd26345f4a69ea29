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
    // CandidateSearchIndex): more in flight means bigger, fewer Meilisearch tasks. On a 100k index a task
    // cost Meilisearch ~2 s whether it held 100 documents or 1,000 (npm run bench:search).
    default: 1000,
    min: 1,
    max: 4000,
    describe: 'search-index jobs one candidates process runs at once',
  }),
};
export type CandidatesConfig = ConfigOf<typeof candidatesEnv>;
