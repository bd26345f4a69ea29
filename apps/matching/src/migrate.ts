import 'reflect-metadata';
import { migrateMain } from '@brobygger/persistence';
import { matchingOrmConfig } from './mikro-orm.config';

migrateMain('matching', matchingOrmConfig);
