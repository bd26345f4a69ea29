import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Forbidden,
  MatchListQuery,
  PageQueryDto,
  Patterns,
  UpdateOwnProfileDto,
  type CandidateView,
  type MatchView,
  type NotificationView,
  type Page,
} from '@brobygger/contracts';
import { RpcCaller } from '@brobygger/platform';
import { currentActor } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/params';

/** The candidate's own view. The candidate id always comes from the token, never from the request. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me')
@Roles('candidate')
export class MeController {
  constructor(private readonly rpc: RpcCaller) {}

  private candidateId(): string {
    const { candidateId } = currentActor();
    if (!candidateId) throw new Forbidden('This token is not tied to a candidate profile');
    return candidateId;
  }

  @Get('profile')
  @ApiOperation({ summary: 'My profile (without staff notes)' })
  profile(): Promise<CandidateView> {
    return this.rpc.call(Patterns.candidates.get, { id: this.candidateId() });
  }

  @Patch('profile')
  @ApiOperation({ summary: 'Change my profile; status and staff notes are not mine to change' })
  updateProfile(@Body() patch: UpdateOwnProfileDto): Promise<CandidateView> {
    return this.rpc.call(Patterns.candidates.updateOwn, { id: this.candidateId(), patch });
  }

  @Get('matches')
  @ApiOperation({ summary: 'My matches, best first, with the reasons' })
  matches(@Query() q: MatchListQuery): Promise<Page<MatchView>> {
    return this.rpc.call(Patterns.matching.candidateMatches, { ...q, candidateId: this.candidateId() });
  }

  @Get('notifications')
  @ApiOperation({ summary: 'My notifications, newest first, in my language' })
  notifications(@Query() page: PageQueryDto): Promise<Page<NotificationView>> {
    return this.rpc.call(Patterns.matching.candidateNotifications, {
      candidateId: this.candidateId(),
      limit: page.limit,
      offset: page.offset,
    });
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  markRead(@UuidParam() id: string): Promise<NotificationView> {
    this.candidateId();
    return this.rpc.call(Patterns.matching.markNotificationRead, { id });
  }
}
