import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  DescribeConceptsQuery,
  GetOccupationQuery,
  NormaliseDto,
  Patterns,
  RelatedSkillsQuery,
  SkillNamesQuery,
  TaxonomySearchQueryDto,
  type PingReply,
} from '@brobygger/contracts';
import { pingReply } from '@brobygger/persistence';
import { RpcData } from '@brobygger/platform';
import { TaxonomyService } from './taxonomy.service';

@Controller()
export class TaxonomyController {
  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly orm: MikroORM,
  ) {}

  @MessagePattern(Patterns.taxonomy.ping)
  ping(): Promise<PingReply> {
    return pingReply('taxonomy', this.orm);
  }

  @MessagePattern(Patterns.taxonomy.info)
  info() {
    return this.taxonomy.info();
  }

  @MessagePattern(Patterns.taxonomy.searchSkills)
  searchSkills(@RpcData() q: TaxonomySearchQueryDto) {
    return this.taxonomy.searchSkills(q);
  }

  @MessagePattern(Patterns.taxonomy.searchOccupations)
  searchOccupations(@RpcData() q: TaxonomySearchQueryDto) {
    return this.taxonomy.searchOccupations(q);
  }

  @MessagePattern(Patterns.taxonomy.getOccupation)
  getOccupation(@RpcData() q: GetOccupationQuery) {
    return this.taxonomy.getOccupation(q.id, q.lang);
  }

  @MessagePattern(Patterns.taxonomy.normalise)
  normalise(@RpcData() dto: NormaliseDto) {
    return this.taxonomy.normalise(dto);
  }

  @MessagePattern(Patterns.taxonomy.describe)
  describe(@RpcData() q: DescribeConceptsQuery) {
    return this.taxonomy.describe(q);
  }

  @MessagePattern(Patterns.taxonomy.skillNames)
  skillNames(@RpcData() q: SkillNamesQuery) {
    return this.taxonomy.skillNames(q);
  }

  @MessagePattern(Patterns.taxonomy.relatedSkills)
  related(@RpcData() q: RelatedSkillsQuery) {
    return this.taxonomy.relatedSkills(q.skillIds);
  }
}
