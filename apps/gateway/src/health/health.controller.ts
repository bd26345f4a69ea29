import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { HealthService, type HealthReport } from './health.service';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when everything is up; 503 naming what is down. Public so load balancers can call it. */
  @Get()
  @Public()
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.check();
    res.status(report.status === 'up' ? 200 : 503);
    return report;
  }

  /**
   * 200 whenever this gateway process answers HTTP. For load balancer readiness: /api/health reports the
   * whole system, and one service being down should give callers a 503 naming it, not take the API away.
   */
  @Get('live')
  @Public()
  live(): { status: 'up' } {
    return { status: 'up' };
  }
}
