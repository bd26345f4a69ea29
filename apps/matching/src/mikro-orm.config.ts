import { serviceOrmConfig } from '@brobygger/persistence';
import { MATCHING_ENTITIES } from './entities';
import { MATCHING_SCHEMA } from './schema';

export function matchingOrmConfig(databaseUrl: string) {
  return serviceOrmConfig({
    databaseUrl,
    schema: MATCHING_SCHEMA,
    entities: MATCHING_ENTITIES,
    migrationsPath: `${__dirname}/migrations`,
  });
}
