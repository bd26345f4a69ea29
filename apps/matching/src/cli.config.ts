// Entry for the MikroORM CLI only (`npm run mikro-orm -- migration:create --config apps/matching/src/cli.config.ts`).
import 'reflect-metadata';
import { databaseEnv, loadConfig } from '@brobygger/platform';
import { matchingOrmConfig } from './mikro-orm.config';

export default matchingOrmConfig(loadConfig(databaseEnv, process.env).DATABASE_URL);
