import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, LOGGER, QueueWorkerHost, type JobHandlers, type Logger } from '@brobygger/platform';
import type { MatchingConfig } from './config';
import { MatchingService } from './matching.service';

@Injectable()
export class MatchingWorker extends QueueWorkerHost<'matching'> {
  protected readonly queue = 'matching';
  constructor(
    private readonly matching: MatchingService,
    @Inject(CONFIG) private readonly config: MatchingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }
  protected handlers(): JobHandlers<'matching'> {
    return {
      'candidate.changed': ({ candidateId }) => this.matching.onCandidateChanged(candidateId),
      'opening.changed': ({ openingId }) => this.matching.onOpeningChanged(openingId),
    };
  }
  protected settings() {
    const { REDIS_URL, REDIS_PREFIX, MATCHING_CONCURRENCY } = this.config;
    return {
      redisUrl: REDIS_URL,
      redisPrefix: REDIS_PREFIX,
      concurrency: MATCHING_CONCURRENCY,
      logger: this.logger,
    };
  }
}

@Injectable()
export class NotificationsWorker extends QueueWorkerHost<'notifications'> {
  protected readonly queue = 'notifications';
  constructor(
    private readonly matching: MatchingService,
    @Inject(CONFIG) private readonly config: MatchingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }
  protected handlers(): JobHandlers<'notifications'> {
    return { 'match.notify': ({ matchId }) => this.matching.notify(matchId) };
  }
  protected settings() {
    const { REDIS_URL, REDIS_PREFIX, NOTIFY_CONCURRENCY } = this.config;
    return {
      redisUrl: REDIS_URL,
      redisPrefix: REDIS_PREFIX,
      concurrency: NOTIFY_CONCURRENCY,
      logger: this.logger,
    };
  }
}
