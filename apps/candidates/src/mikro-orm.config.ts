import { serviceOrmConfig } from '@brobygger/persistence';
import { Candidate, ProfileAudit } from './candidate.entity';
import { CANDIDATES_SCHEMA } from './schema';

export function candidatesOrmConfig(databaseUrl: string) {
  return serviceOrmConfig({
    databaseUrl,
    schema: CANDIDATES_SCHEMA,
    entities: [Candidate, ProfileAudit],
    migrationsPath: `${__dirname}/migrations`,
  });
}
