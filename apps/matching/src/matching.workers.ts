import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, LOGGER, QueueWorkerHost, type JobHandlers, type Logger } from '@brobygger/platform';
import type { MatchingConfig } from './config';
import { MatchingService } from './matching.service';
import { NotificationsService } from './notifications/notifications.service';

@Injectable()
export class MatchingWorker extends QueueWorkerHost<'matching'> {
  protected readonly queue = 'matching';
  constructor(
    private readonly matching: MatchingService,
    @Inject(CONFIG) config: MatchingConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(config, logger, config.MATCHING_CONCURRENCY);
  }
  /** New weights mean every stored match was scored with old ones: rescore (queued once per version). */
  protected override async prepare(): Promise<void> {
    await this.matching.rescoreIfWeightsChanged();
  }
  protected handlers(): JobHandlers<'matching'> {
    return {
      'candidate.changed': ({ candidateId }) => this.matching.onCandidateChanged(candidateId),
      'opening.changed': ({ openingId }, job) => this.matching.onOpeningChanged(openingId, String(job.id)),
      'opening.score-chunk': (chunk) => this.matching.scoreChunk(chunk),
      'matching.rescore-all': () => this.matching.rescoreAll(),
    };
  }
}

@Injectable()
export class NotificationsWorker extends QueueWorkerHost<'notifications'> {
  protected readonly queue = 'notifications';
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(CONFIG) config: MatchingConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(config, logger, config.NOTIFY_CONCURRENCY);
  }
  protected handlers(): JobHandlers<'notifications'> {
    return {
      'match.notify': ({ matchId }) => this.notifications.onMatchNotify(matchId),
      'notification.deliver': ({ deliveryId }, job) => this.notifications.deliver(deliveryId, job),
    };
  }
}
