import { commonEnv, databaseEnv, outboxEnv, type ConfigOf } from '@brobygger/platform';

export const employersEnv = { ...commonEnv, ...databaseEnv, ...outboxEnv };
export type EmployersConfig = ConfigOf<typeof employersEnv>;
