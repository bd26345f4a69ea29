import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AddGlossaryEntryDto,
  GlossaryQueryDto,
  NormaliseDto,
  UpdateGlossaryEntryDto,
  type GlossaryEntryView,
  type Page,
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

  @Get('glossary')
  @Roles('staff', 'admin')
  @ApiOperation({
    summary: 'The glossary: everyday words (nb, en, ar, uk) mapped to ESCO skills, with their review state',
  })
  glossary(@Query() q: GlossaryQueryDto): Promise<Page<GlossaryEntryView>> {
    return this.rpc.call(Patterns.taxonomy.listGlossary, q);
  }

  @Post('glossary')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a word to the glossary (drafted until reviewed); matches are rescored' })
  addGlossaryEntry(@Body() dto: AddGlossaryEntryDto): Promise<GlossaryEntryView> {
    return this.rpc.call(Patterns.taxonomy.addGlossaryEntry, dto);
  }

  @Patch('glossary/:id')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Change a glossary entry's skills or note, or review it (reviewed / rejected); matches are rescored",
  })
  @ApiParam({ name: 'id', description: 'The entry id (UUID)' })
  updateGlossaryEntry(
    @Param('id') id: string,
    @Body() dto: UpdateGlossaryEntryDto,
  ): Promise<GlossaryEntryView> {
    if (!UUID.test(id)) throw new ValidationFailed([{ field: 'id', messages: ['id must be a UUID'] }]);
    return this.rpc.call(Patterns.taxonomy.updateGlossaryEntry, { ...dto, id });
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
