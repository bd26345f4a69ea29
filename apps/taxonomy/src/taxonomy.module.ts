import { type DynamicModule, Module } from '@nestjs/common';
import { PersistenceModule } from '@brobygger/persistence';
import { PlatformModule, type Logger } from '@brobygger/platform';
import { createMeili } from '@brobygger/search';
import type { TaxonomyConfig } from './config';
import { GlossaryController } from './glossary/glossary.controller';
import { GlossaryService } from './glossary/glossary.service';
import { taxonomyOrmConfig } from './mikro-orm.config';
import { OccupationTitles } from './occupations/occupation-titles';
import { SkillResolver } from './skill-resolver';
import { TaxonomyController } from './taxonomy.controller';
import { MEILI, TaxonomyService } from './taxonomy.service';

@Module({})
export class TaxonomyModule {
  static forRoot(config: TaxonomyConfig, logger: Logger): DynamicModule {
    return {
      module: TaxonomyModule,
      imports: [
        PlatformModule.forApp(config, logger),
        // Only an import of a new version or a glossary change writes an outbox row (rescore every match); a
        // minute's wait is fine.
        PersistenceModule.forService({ ...config, OUTBOX_POLL_MS: 60_000 }, taxonomyOrmConfig),
      ],
      controllers: [TaxonomyController, GlossaryController],
      providers: [
        { provide: MEILI, useValue: createMeili(config.MEILI_URL, config.MEILI_MASTER_KEY) },
        SkillResolver,
        OccupationTitles,
        TaxonomyService,
        GlossaryService,
      ],
    };
  }
}
