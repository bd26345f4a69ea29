import { type DynamicModule, Module } from '@nestjs/common';
import { PersistenceModule } from '@brobygger/persistence';
import { PlatformModule, type Logger } from '@brobygger/platform';
import { createMeili } from '@brobygger/search';
import { CandidateSearchIndex, MEILI } from './candidate-search.index';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';
import type { CandidatesConfig } from './config';
import { candidatesOrmConfig } from './mikro-orm.config';
import { SearchIndexWorker } from './search-index.worker';

@Module({})
export class CandidatesModule {
  static forRoot(config: CandidatesConfig, logger: Logger): DynamicModule {
    return {
      module: CandidatesModule,
      imports: [
        PlatformModule.forApp(config, logger),
        PersistenceModule.forService(config, candidatesOrmConfig),
      ],
      controllers: [CandidatesController],
      providers: [
        { provide: MEILI, useValue: createMeili(config.MEILI_URL, config.MEILI_MASTER_KEY) },
        CandidateSearchIndex,
        CandidatesService,
        SearchIndexWorker,
      ],
    };
  }
}
