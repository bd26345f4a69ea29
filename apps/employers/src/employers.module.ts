import { type DynamicModule, Module } from '@nestjs/common';
import { PersistenceModule } from '@brobygger/persistence';
import { ConceptCatalogue, PlatformModule, RpcClientModule, type Logger } from '@brobygger/platform';
import type { EmployersConfig } from './config';
import { EmployersController } from './employers.controller';
import { EmployersService } from './employers.service';
import { employersOrmConfig } from './mikro-orm.config';
import { OpeningsService } from './openings.service';
import { OpeningsWorker } from './openings.worker';

@Module({})
export class EmployersModule {
  static forRoot(config: EmployersConfig, logger: Logger): DynamicModule {
    return {
      module: EmployersModule,
      imports: [
        PlatformModule.forApp(config, logger),
        PersistenceModule.forService(config, employersOrmConfig),
        // Opening skills and occupations are resolved and suggested through the taxonomy service.
        RpcClientModule.forRoot({
          redisUrl: config.REDIS_URL,
          redisPrefix: config.REDIS_PREFIX,
          timeoutMs: config.RPC_TIMEOUT_MS,
        }),
      ],
      controllers: [EmployersController],
      providers: [EmployersService, OpeningsService, ConceptCatalogue, OpeningsWorker],
    };
  }
}
