import { serviceOrmConfig } from '@brobygger/persistence';
import { Employer, EmployerContact, Interaction, PartnershipChange } from './employer.entity';
import { Opening } from './opening.entity';

export const EMPLOYERS_SCHEMA = 'employers';

export function employersOrmConfig(databaseUrl: string) {
  return serviceOrmConfig({
    databaseUrl,
    schema: EMPLOYERS_SCHEMA,
    entities: [Employer, EmployerContact, PartnershipChange, Interaction, Opening],
    migrationsPath: `${__dirname}/migrations`,
  });
}
