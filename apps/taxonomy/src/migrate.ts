import 'reflect-metadata';
import { migrateMain } from '@brobygger/persistence';
import { taxonomyOrmConfig } from './mikro-orm.config';

migrateMain('taxonomy', taxonomyOrmConfig);
