import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  NormaliseDto,
  OccupationQueryDto,
  Patterns,
  ROLES,
  TaxonomySearchQueryDto,
  ValidationFailed,
  type NormaliseResult,
  type OccupationDetail,
  type OccupationHit,
  type SkillHit,
  type TaxonomyInfo,
} from '@brobygger/contracts';
import { RpcCaller } from '@brobygger/platform';
import { Roles } from '../auth/roles.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reference data: every signed-in role may read it (employers pick requirements, candidates their skills). */
@ApiTags('taxonomy')
@ApiBearerAuth()
@Controller('api/v1/taxonomy')
@Roles(...ROLES)
export class TaxonomyController {
  constructor(private readonly rpc: RpcCaller) {}

  @Get()
  @ApiOperation({ summary: 'Which taxonomy release is loaded' })
  info(): Promise<TaxonomyInfo> {
    return this.rpc.call(Patterns.taxonomy.info, {});
  }

  @Get('skills')
  @ApiOperation({
    summary: 'Skill autocomplete: typo-tolerant, over preferred, alternative and hidden labels',
  })
  skills(@Query() q: TaxonomySearchQueryDto): Promise<SkillHit[]> {
    return this.rpc.call(Patterns.taxonomy.searchSkills, q);
  }

  @Get('occupations')
  @ApiOperation({
    summary: 'Occupation autocomplete over the labels of every language (bussjåfør, line cook…)',
  })
  occupations(@Query() q: TaxonomySearchQueryDto): Promise<OccupationHit[]> {
    return this.rpc.call(Patterns.taxonomy.searchOccupations, q);
  }

  @Get('occupations/:id')
  @ApiOperation({ summary: "An occupation with its essential and optional skills (to suggest an opening's)" })
  @ApiParam({ name: 'id', description: 'ESCO occupation id (`occupation/<uuid>`, URL-encoded) or its UUID' })
  occupation(@Param('id') id: string, @Query() q: OccupationQueryDto): Promise<OccupationDetail> {
    const uuid = id.startsWith('occupation/') ? id.slice('occupation/'.length) : id;
    if (!UUID.test(uuid)) {
      throw new ValidationFailed([
        { field: 'id', messages: ['id must be an ESCO occupation id or its UUID'] },
      ]);
    }
    return this.rpc.call(Patterns.taxonomy.getOccupation, { id: `occupation/${uuid}`, lang: q.lang });
  }

  @Post('normalise')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Free text to skill ids: `texts` resolves each short text; `text` extracts skills from a paragraph',
  })
  normalise(@Body() dto: NormaliseDto): Promise<NormaliseResult> {
    return this.rpc.call(Patterns.taxonomy.normalise, dto);
  }
}
