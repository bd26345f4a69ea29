import { serviceOrmConfig } from '@brobygger/persistence';
import { Employer } from './employer.entity';
import { Opening } from './opening.entity';

export const EMPLOYERS_SCHEMA = 'employers';

export function employersOrmConfig(databaseUrl: string) {
  return serviceOrmConfig({
    databaseUrl,
    schema: EMPLOYERS_SCHEMA,
    entities: [Employer, Opening],
    migrationsPath: `${__dirname}/migrations`,
  });
}
