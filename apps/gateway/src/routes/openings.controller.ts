import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AcknowledgeFlagsDto,
  CloseOpeningDto,
  OpeningListQuery,
  OpeningMatchListQuery,
  Patterns,
  SuggestForDraftDto,
  UpdateOpeningDto,
  type MatchView,
  type OpeningSuggestions,
  type OpeningView,
  type Page,
} from '@brobygger/contracts';
import { RpcCaller } from '@brobygger/platform';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/params';

@ApiTags('openings')
@ApiBearerAuth()
@Controller('api/v1/openings')
@Roles('staff', 'employer')
export class OpeningsController {
  constructor(private readonly rpc: RpcCaller) {}

  /** Candidates see published openings only; employer users their own employer's (both enforced by the service). */
  @Get()
  @Roles('staff', 'employer', 'candidate')
  list(@Query() q: OpeningListQuery): Promise<Page<OpeningView>> {
    return this.rpc.call(Patterns.employers.listOpenings, q);
  }

  @Get(':id')
  @Roles('staff', 'employer', 'candidate')
  get(@UuidParam() id: string): Promise<OpeningView> {
    return this.rpc.call(Patterns.employers.getOpening, { id });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a draft or published opening; `version` must be the one last read' })
  update(@UuidParam() id: string, @Body() patch: UpdateOpeningDto): Promise<OpeningView> {
    return this.rpc.call(Patterns.employers.updateOpening, { id, patch });
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish: needs must-haves, an active partnership and every screening flag acknowledged',
  })
  publish(@UuidParam() id: string): Promise<OpeningView> {
    return this.rpc.call(Patterns.employers.publishOpening, { id });
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@UuidParam() id: string, @Body() close: CloseOpeningDto): Promise<OpeningView> {
    return this.rpc.call(Patterns.employers.closeOpening, { id, close });
  }

  @Post(':id/screening/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge screening flags (by key) with a note saying why the wording stays' })
  acknowledge(@UuidParam() id: string, @Body() ack: AcknowledgeFlagsDto): Promise<OpeningView> {
    return this.rpc.call(Patterns.employers.acknowledgeFlags, { id, ack });
  }

  @Post('suggestions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Occupation and skills suggested for an opening still being written, before it is saved',
    description:
      'Send the title the employer typed, and the description and skills when they are filled in. ' +
      'Answers as GET /api/v1/openings/{id}/suggestions does for a saved opening; nothing is stored.',
  })
  suggestForDraft(@Body() draft: SuggestForDraftDto): Promise<OpeningSuggestions> {
    return this.rpc.call(Patterns.employers.suggestForDraft, draft);
  }

  @Get(':id/suggestions')
  @ApiOperation({
    summary: 'Occupation and skills suggested from the title, the occupation and the description',
  })
  suggestions(@UuidParam() id: string): Promise<OpeningSuggestions> {
    return this.rpc.call(Patterns.employers.suggestions, { id });
  }

  /**
   * Interested candidates first, then best first, with the explanation. Employer users see their own
   * openings' matches only (checked by matching), each candidate as an alias until the candidate consents
   * to share who they are.
   */
  @Get(':id/matches')
  matches(@UuidParam() openingId: string, @Query() q: OpeningMatchListQuery): Promise<Page<MatchView>> {
    return this.rpc.call(Patterns.matching.openingMatches, { ...q, openingId });
  }

  @Post(':id/rescore')
  @HttpCode(202)
  @Roles('staff')
  @ApiOperation({ summary: 'Score every active candidate against this opening again, now' })
  rescore(@UuidParam() id: string): Promise<{ queued: string }> {
    return this.rpc.call(Patterns.matching.rescoreOpening, { id });
  }
}
