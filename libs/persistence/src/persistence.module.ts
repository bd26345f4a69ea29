import {
  type DynamicModule,
  Global,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { JobQueues, LOGGER, type Logger } from '@brobygger/platform';
import { OutboxRelay } from './outbox';

/** The keys of an app's config that persistence reads. */
export interface PersistenceConfig {
  DATABASE_URL: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
  /** Services that write no outbox rows leave it out; their relay then looks rarely. */
  OUTBOX_POLL_MS?: number;
}

@Injectable()
class PersistenceLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly orm: MikroORM,
    private readonly queues: JobQueues,
    private readonly relay: OutboxRelay,
  ) {}
  onApplicationBootstrap() {
    this.relay.start();
  }
  // Order matters: stop moving rows, then close the queues they go to, then the database.
  async onApplicationShutdown() {
    await this.relay.stop();
    await this.queues.close();
    await this.orm.close();
  }
}

/** A service's database (its own schema), its job producers and its outbox relay. */
@Global()
@Module({})
export class PersistenceModule {
  static forService(config: PersistenceConfig, ormConfig: (databaseUrl: string) => Options): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: MikroORM, useFactory: () => MikroORM.init(ormConfig(config.DATABASE_URL)) },
        {
          provide: JobQueues,
          inject: [LOGGER],
          useFactory: (logger: Logger) => JobQueues.fromUrl(config.REDIS_URL, config.REDIS_PREFIX, logger),
        },
        {
          provide: OutboxRelay,
          inject: [MikroORM, JobQueues, LOGGER],
          useFactory: (orm: MikroORM, queues: JobQueues, logger: Logger) =>
            new OutboxRelay(orm, queues, logger, config.OUTBOX_POLL_MS ?? 5_000),
        },
        PersistenceLifecycle,
      ],
      exports: [MikroORM, JobQueues, OutboxRelay],
    };
  }
}
