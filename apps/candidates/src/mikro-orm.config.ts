import { serviceOrmConfig } from '@brobygger/persistence';
import { Candidate } from './candidate.entity';

export const CANDIDATES_SCHEMA = 'candidates';

export function candidatesOrmConfig(databaseUrl: string) {
  return serviceOrmConfig({
    databaseUrl,
    schema: CANDIDATES_SCHEMA,
    entities: [Candidate],
    migrationsPath: `${__dirname}/migrations`,
  });
}
