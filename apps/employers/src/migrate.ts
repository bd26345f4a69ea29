import 'reflect-metadata';
import { migrateMain } from '@brobygger/persistence';
import { employersOrmConfig } from './mikro-orm.config';

migrateMain('employers', employersOrmConfig);
