import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import {
  JobQueues,
  PlatformModule,
  RpcClientModule,
  type Logger,
  assertPublicUrl,
} from '@brobygger/platform';
import { AuthGuard } from './auth/auth.guard';
import type { GatewayConfig } from './config';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { HttpErrorFilter } from './http/http-error.filter';
import { CandidatesController } from './routes/candidates.controller';
import { EmployersController } from './routes/employers.controller';
import { NotificationsController, ReplyLinksController } from './routes/notifications.controller';
import { MatchesController } from './routes/matches.controller';
import { MeController } from './routes/me.controller';
import { OpeningsController } from './routes/openings.controller';
import { TaxonomyController } from './routes/taxonomy.controller';

class QueuesLifecycle implements OnApplicationShutdown {
  constructor(private readonly queues: JobQueues) {}
  onApplicationShutdown() {
    return this.queues.close();
  }
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    assertPublicUrl(config);
    const queues = JobQueues.fromUrl(config.REDIS_URL, config.REDIS_PREFIX, logger);
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forApp(config, logger),
        RpcClientModule.forRoot({
          redisUrl: config.REDIS_URL,
          redisPrefix: config.REDIS_PREFIX,
          timeoutMs: config.RPC_TIMEOUT_MS,
        }),
      ],
      controllers: [
        HealthController,
        CandidatesController,
        EmployersController,
        OpeningsController,
        MeController,
        MatchesController,
        NotificationsController,
        ReplyLinksController,
        TaxonomyController,
      ],
      providers: [
        { provide: JobQueues, useValue: queues },
        { provide: QueuesLifecycle, useValue: new QueuesLifecycle(queues) },
        HealthService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
