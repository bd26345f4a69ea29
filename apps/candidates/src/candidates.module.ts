import { type DynamicModule, Module } from '@nestjs/common';
import { PersistenceModule } from '@brobygger/persistence';
import { PlatformModule, RpcClientModule, type Logger } from '@brobygger/platform';
import { createMeili } from '@brobygger/search';
import { CandidateSearchIndex, MEILI } from './candidate-search.index';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';
import { ConceptCatalogue } from '@brobygger/platform';
import type { CandidatesConfig } from './config';
import { candidatesOrmConfig } from './mikro-orm.config';
import { ProfileInput } from './profile-input';
import { SearchIndexWorker } from './search-index.worker';

@Module({})
export class CandidatesModule {
  /** `worker: false` for one-off commands (reindex, drift check) that must not take jobs. */
  static forRoot(config: CandidatesConfig, logger: Logger, opts: { worker?: boolean } = {}): DynamicModule {
    return {
      module: CandidatesModule,
      imports: [
        PlatformModule.forApp(config, logger),
        PersistenceModule.forService(config, candidatesOrmConfig),
        // Skill texts are resolved and labels looked up through the taxonomy service.
        RpcClientModule.forRoot({
          redisUrl: config.REDIS_URL,
          redisPrefix: config.REDIS_PREFIX,
          timeoutMs: config.RPC_TIMEOUT_MS,
        }),
      ],
      controllers: [CandidatesController],
      providers: [
        { provide: MEILI, useValue: createMeili(config.MEILI_URL, config.MEILI_MASTER_KEY) },
        CandidateSearchIndex,
        CandidatesService,
        ConceptCatalogue,
        ProfileInput,
        ...(opts.worker === false ? [] : [SearchIndexWorker]),
      ],
    };
  }
}
