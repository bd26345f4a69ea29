import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, LOGGER, QueueWorkerHost, type JobHandlers, type Logger } from '@brobygger/platform';
import { CandidateSearchIndex } from './candidate-search.index';
import { CandidatesService } from './candidates.service';
import type { CandidatesConfig } from './config';

@Injectable()
export class SearchIndexWorker extends QueueWorkerHost<'search-index'> {
  protected readonly queue = 'search-index';

  constructor(
    private readonly candidates: CandidatesService,
    private readonly index: CandidateSearchIndex,
    @Inject(CONFIG) config: CandidatesConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(config, logger, config.SEARCH_INDEX_CONCURRENCY);
  }

  protected override prepare() {
    return this.index.ensure();
  }

  protected handlers(): JobHandlers<'search-index'> {
    return { 'candidate.index': ({ candidateId }) => this.candidates.syncSearchDocument(candidateId) };
  }
}
