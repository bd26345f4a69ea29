import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Forbidden, PageQueryDto, Patterns, type NotificationView, type Page } from '@brobygger/contracts';
import { RpcCaller } from '@brobygger/platform';
import { currentActor } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';

/** The candidate's own view. The candidate id always comes from the token, never from the request. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me')
@Roles('candidate')
export class MeController {
  constructor(private readonly rpc: RpcCaller) {}

  @Get('notifications')
  notifications(@Query() page: PageQueryDto): Promise<Page<NotificationView>> {
    const { candidateId } = currentActor();
    if (!candidateId) throw new Forbidden('This token is not tied to a candidate profile');
    return this.rpc.call(Patterns.matching.candidateNotifications, {
      candidateId,
      limit: page.limit,
      offset: page.offset,
    });
  }
}
