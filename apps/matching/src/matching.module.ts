import { type DynamicModule, Module } from '@nestjs/common';
import { PersistenceModule } from '@brobygger/persistence';
import { assertPublicUrl, PlatformModule, RpcClientModule, type Logger } from '@brobygger/platform';
import type { MatchingConfig } from './config';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';
import { MatchingWorker, NotificationsWorker } from './matching.workers';
import { matchingOrmConfig } from './mikro-orm.config';
import { loadWeights, WEIGHTS } from './weights';
import { NotificationsService } from './notifications/notifications.service';
import { SkillNames } from './notifications/skill-names';
import { createMailer, createSmsProvider, MAILER, SMS } from './notifications/senders';

@Module({})
export class MatchingModule {
  static forRoot(config: MatchingConfig, logger: Logger): DynamicModule {
    assertPublicUrl(config);
    return {
      module: MatchingModule,
      imports: [
        PlatformModule.forApp(config, logger),
        // Matching writes no outbox rows yet; its relay looks every few seconds and finds nothing.
        PersistenceModule.forService(config, matchingOrmConfig),
        RpcClientModule.forRoot({
          redisUrl: config.REDIS_URL,
          redisPrefix: config.REDIS_PREFIX,
          timeoutMs: config.RPC_TIMEOUT_MS,
        }),
      ],
      controllers: [MatchingController],
      providers: [
        // Read and checked at boot: bad weights stop the service instead of scoring with them.
        { provide: WEIGHTS, useValue: loadWeights(config.MATCHING_WEIGHTS_FILE) },
        { provide: MAILER, useFactory: () => createMailer(config, logger) },
        { provide: SMS, useFactory: () => createSmsProvider(config, logger) },
        MatchingService,
        NotificationsService,
        SkillNames,
        MatchingWorker,
        NotificationsWorker,
      ],
    };
  }
}
