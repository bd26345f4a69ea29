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

export interface PersistenceOptions {
  orm: Options;
  redisUrl: string;
  redisPrefix: string;
  outboxPollMs: number;
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
  static forService(opts: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: MikroORM, useFactory: () => MikroORM.init(opts.orm) },
        { provide: JobQueues, useFactory: () => JobQueues.fromUrl(opts.redisUrl, opts.redisPrefix) },
        {
          provide: OutboxRelay,
          inject: [MikroORM, JobQueues, LOGGER],
          useFactory: (orm: MikroORM, queues: JobQueues, logger: Logger) =>
            new OutboxRelay(orm, queues, logger, opts.outboxPollMs),
        },
        PersistenceLifecycle,
      ],
      exports: [MikroORM, JobQueues, OutboxRelay],
    };
  }
}
