import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, LOGGER, QueueWorkerHost, type JobHandlers, type Logger } from '@brobygger/platform';
import type { EmployersConfig } from './config';
import { OpeningsService } from './openings.service';

/** Closes published openings whose application deadline has passed (delayed jobs, no polling). */
@Injectable()
export class OpeningsWorker extends QueueWorkerHost<'openings'> {
  protected readonly queue = 'openings';

  constructor(
    private readonly openings: OpeningsService,
    @Inject(CONFIG) config: EmployersConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super(config, logger, 4);
  }

  protected handlers(): JobHandlers<'openings'> {
    return {
      'opening.deadline': ({ openingId, deadline }) => this.openings.deadlineReached(openingId, deadline),
    };
  }
}
