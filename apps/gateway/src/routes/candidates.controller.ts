import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CandidateSearchQueryDto,
  CreateCandidateDto,
  Patterns,
  type CandidateSearchHit,
  type CandidateView,
  type Page,
} from '@brobygger/contracts';
import { RpcCaller } from '@brobygger/platform';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/params';

@ApiTags('candidates')
@ApiBearerAuth()
@Controller('api/v1/candidates')
@Roles('staff')
export class CandidatesController {
  constructor(private readonly rpc: RpcCaller) {}

  @Post()
  @HttpCode(201)
  create(@Body() dto: CreateCandidateDto): Promise<CandidateView> {
    return this.rpc.call(Patterns.candidates.create, dto);
  }

  // Declared before ':id' so "search" is not taken for an id.
  @Get('search')
  search(@Query() query: CandidateSearchQueryDto): Promise<Page<CandidateSearchHit>> {
    return this.rpc.call(Patterns.candidates.search, query);
  }

  @Get(':id')
  get(@UuidParam() id: string): Promise<CandidateView> {
    return this.rpc.call(Patterns.candidates.get, { id });
  }
}
