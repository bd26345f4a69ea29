// Entry for the MikroORM CLI only (`npm run mikro-orm -- migration:create --config apps/taxonomy/src/cli.config.ts`).
import 'reflect-metadata';
import { databaseEnv, loadConfig } from '@brobygger/platform';
import { taxonomyOrmConfig } from './mikro-orm.config';

export default taxonomyOrmConfig(loadConfig(databaseEnv, process.env).DATABASE_URL);
