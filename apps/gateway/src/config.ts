import { commonEnv, env, meiliEnv, publicUrlEnv, rpcClientEnv, type ConfigOf } from '@brobygger/platform';

/**
 * The gateway faces the internet, so it holds no database credentials and no Meilisearch key: it reaches
 * data only through the services. Health learns about PostgreSQL from the services' pings, and
 * Meilisearch's /health needs no key.
 */
export const gatewayEnv = {
  ...commonEnv,
  ...rpcClientEnv,
  MEILI_URL: meiliEnv.MEILI_URL,
  PORT: env.int({ default: 3000, min: 1, max: 65_535, describe: 'HTTP port of the API' }),
  JWT_SECRET: env.string({ minLength: 32, describe: 'HMAC secret for bearer tokens (32+ characters)' }),
  ...publicUrlEnv,
};
export type GatewayConfig = ConfigOf<typeof gatewayEnv>;
