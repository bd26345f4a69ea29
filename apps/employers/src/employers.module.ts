import { type DynamicModule, Module } from '@nestjs/common';
import { PersistenceModule } from '@brobygger/persistence';
import { PlatformModule, type Logger } from '@brobygger/platform';
import type { EmployersConfig } from './config';
import { EmployersController } from './employers.controller';
import { EmployersService } from './employers.service';
import { employersOrmConfig } from './mikro-orm.config';

@Module({})
export class EmployersModule {
  static forRoot(config: EmployersConfig, logger: Logger): DynamicModule {
    return {
      module: EmployersModule,
      imports: [
        PlatformModule.forApp(config, logger),
        PersistenceModule.forService(config, employersOrmConfig),
      ],
      controllers: [EmployersController],
      providers: [EmployersService],
    };
  }
}
