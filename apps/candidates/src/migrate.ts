import 'reflect-metadata';
import { migrateMain } from '@brobygger/persistence';
import { candidatesOrmConfig } from './mikro-orm.config';

migrateMain('candidates', candidatesOrmConfig);
