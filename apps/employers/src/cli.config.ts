// Entry for the MikroORM CLI only (`npm run mikro-orm -- migration:create --config apps/employers/src/cli.config.ts`).
import 'reflect-metadata';
import { databaseEnv, loadConfig } from '@brobygger/platform';
import { employersOrmConfig } from './mikro-orm.config';

export default employersOrmConfig(loadConfig(databaseEnv, process.env).DATABASE_URL);
