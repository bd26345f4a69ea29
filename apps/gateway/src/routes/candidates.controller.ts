import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CandidateSearchQueryDto,
  CreateCandidateDto,
  MatchListQuery,
  PageQueryDto,
  Patterns,
  UpdateCandidateDto,
  ValidationFailed,
  type CandidateSearchResult,
  type CandidateView,
  type ImportFormat,
  type ImportReport,
  type MatchView,
  type Page,
  type ProfileAuditEntry,
} from '@brobygger/contracts';
import { RpcCaller } from '@brobygger/platform';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/params';

/** Content types the import accepts, and the format each means. */
export const IMPORT_CONTENT_TYPES: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
};

/** An import holds up to 20,000 rows; resolving their skills takes longer than a single call. */
const IMPORT_TIMEOUT_MS = 180_000;

@ApiTags('candidates')
@ApiBearerAuth()
@Controller('api/v1/candidates')
@Roles('staff')
export class CandidatesController {
  constructor(private readonly rpc: RpcCaller) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a profile; skill texts are resolved to ESCO skills, the text kept beside',
  })
  create(@Body() dto: CreateCandidateDto): Promise<CandidateView> {
    return this.rpc.call(Patterns.candidates.create, dto);
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import a spreadsheet export (CSV) or JSON lines; valid rows are stored, bad ones reported by line',
    description:
      'Sending the same file again stores nothing twice. Column reference: docs/candidate-import.md',
  })
  @ApiConsumes(...Object.keys(IMPORT_CONTENT_TYPES))
  @ApiBody({ schema: { type: 'string' } })
  import(@Body() body: unknown, @Headers('content-type') contentType = ''): Promise<ImportReport> {
    const format = IMPORT_CONTENT_TYPES[contentType.split(';')[0].trim().toLowerCase()];
    if (!format) {
      throw new ValidationFailed([
        {
          field: 'content-type',
          messages: [`send the file as ${Object.keys(IMPORT_CONTENT_TYPES).join(', ')}`],
        },
      ]);
    }
    if (typeof body !== 'string' || !body.trim()) {
      throw new ValidationFailed([{ field: 'body', messages: ['the file is empty'] }]);
    }
    return this.rpc.call(Patterns.candidates.import, { format, content: body }, IMPORT_TIMEOUT_MS);
  }

  // Declared before ':id' so "search" is not taken for an id.
  @Get('search')
  @ApiOperation({
    summary: 'Search consenting, active candidates by skills, titles and languages, with filters',
  })
  search(@Query() query: CandidateSearchQueryDto): Promise<CandidateSearchResult> {
    return this.rpc.call(Patterns.candidates.search, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A full profile; each staff view is written to the audit log' })
  get(@UuidParam() id: string): Promise<CandidateView> {
    return this.rpc.call(Patterns.candidates.get, { id });
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change fields; `version` must be the one last read (409 if someone changed it since)',
  })
  update(@UuidParam() id: string, @Body() patch: UpdateCandidateDto): Promise<CandidateView> {
    return this.rpc.call(Patterns.candidates.update, { id, patch });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Erase the person: profile, search document and matches' })
  async erase(@UuidParam() id: string): Promise<void> {
    await this.rpc.call(Patterns.candidates.erase, { id });
  }

  @Get(':id/matches')
  @ApiOperation({ summary: "The candidate's matches, best first, with their explanations" })
  matches(@UuidParam() candidateId: string, @Query() q: MatchListQuery): Promise<Page<MatchView>> {
    return this.rpc.call(Patterns.matching.candidateMatches, { ...q, candidateId });
  }

  @Get(':id/audit')
  @ApiOperation({ summary: 'Who viewed or changed the profile, newest first' })
  audit(@UuidParam() id: string, @Query() page: PageQueryDto): Promise<Page<ProfileAuditEntry>> {
    return this.rpc.call(Patterns.candidates.audit, { id, limit: page.limit, offset: page.offset });
  }
}
