import { commonEnv, databaseEnv, env, meiliEnv, rpcClientEnv, type ConfigOf } from '@brobygger/platform';

export const gatewayEnv = {
  ...commonEnv,
  ...databaseEnv,
  ...meiliEnv,
  ...rpcClientEnv,
  PORT: env.int({ default: 3000, min: 1, max: 65_535, describe: 'HTTP port of the API' }),
  JWT_SECRET: env.string({ minLength: 32, describe: 'HMAC secret for bearer tokens (32+ characters)' }),
};
export type GatewayConfig = ConfigOf<typeof gatewayEnv>;
