import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Patterns, type MatchView, type NotificationView } from '@brobygger/contracts';
import { RpcCaller } from '@brobygger/platform';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/params';

@ApiTags('matches')
@ApiBearerAuth()
@Controller('api/v1/matches')
export class MatchesController {
  constructor(private readonly rpc: RpcCaller) {}

  /** Staff see any match; an employer those of their openings; a candidate their own (checked by matching). */
  @Get(':id')
  @Roles('staff', 'employer', 'candidate')
  @ApiOperation({ summary: 'One match with its full explanation' })
  get(@UuidParam() id: string): Promise<MatchView> {
    return this.rpc.call(Patterns.matching.getMatch, { id });
  }

  @Post(':id/notify')
  @Roles('staff')
  @ApiOperation({
    summary:
      'Send this match to the candidate by hand ("we think this fits you"); once per candidate and opening',
  })
  notify(@UuidParam() id: string): Promise<NotificationView> {
    return this.rpc.call(Patterns.matching.notifyByHand, { id });
  }
}
