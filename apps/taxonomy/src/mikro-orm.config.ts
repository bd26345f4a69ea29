import { serviceOrmConfig } from '@brobygger/persistence';
import { TAXONOMY_ENTITIES } from './entities';
import { TAXONOMY_SCHEMA } from './schema';

export function taxonomyOrmConfig(databaseUrl: string) {
  return serviceOrmConfig({
    databaseUrl,
    schema: TAXONOMY_SCHEMA,
    entities: TAXONOMY_ENTITIES,
    migrationsPath: `${__dirname}/migrations`,
  });
}
