import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, Patterns, type MatchView, type OpeningView, type Page } from '@brobygger/contracts';
import { RpcCaller } from '@brobygger/platform';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/params';

@ApiTags('openings')
@ApiBearerAuth()
@Controller('api/v1/openings')
@Roles('staff', 'employer')
export class OpeningsController {
  constructor(private readonly rpc: RpcCaller) {}

  @Get(':id')
  get(@UuidParam() id: string): Promise<OpeningView> {
    return this.rpc.call(Patterns.employers.getOpening, { id });
  }

  @Post(':id/publish')
  @HttpCode(200)
  publish(@UuidParam() id: string): Promise<OpeningView> {
    return this.rpc.call(Patterns.employers.publishOpening, { id });
  }

  /** Best first. Employer users see their own openings' matches only (checked by matching). */
  @Get(':id/matches')
  matches(@UuidParam() openingId: string, @Query() page: PageQueryDto): Promise<Page<MatchView>> {
    return this.rpc.call(Patterns.matching.openingMatches, {
      openingId,
      limit: page.limit,
      offset: page.offset,
    });
  }
}
