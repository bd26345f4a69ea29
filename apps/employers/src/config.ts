import { commonEnv, databaseEnv, outboxEnv, rpcClientEnv, type ConfigOf } from '@brobygger/platform';

export const employersEnv = { ...commonEnv, ...databaseEnv, ...outboxEnv, ...rpcClientEnv };
export type EmployersConfig = ConfigOf<typeof employersEnv>;
