// Entry for the MikroORM CLI only (`npm run mikro-orm -- migration:create --config apps/candidates/src/cli.config.ts`).
import 'reflect-metadata';
import { databaseEnv, loadConfig } from '@brobygger/platform';
import { candidatesOrmConfig } from './mikro-orm.config';

export default candidatesOrmConfig(loadConfig(databaseEnv, process.env).DATABASE_URL);
