import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  CandidateIdDto,
  CandidateSearchQueryDto,
  CreateCandidateDto,
  Patterns,
  type PingReply,
} from '@brobygger/contracts';
import { pingReply } from '@brobygger/persistence';
import { RpcData } from '@brobygger/platform';
import { CandidatesService } from './candidates.service';

@Controller()
export class CandidatesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly orm: MikroORM,
  ) {}

  @MessagePattern(Patterns.candidates.ping)
  ping(): Promise<PingReply> {
    return pingReply('candidates', this.orm);
  }

  @MessagePattern(Patterns.candidates.create)
  create(@RpcData() dto: CreateCandidateDto) {
    return this.candidates.create(dto);
  }

  @MessagePattern(Patterns.candidates.get)
  get(@RpcData() { id }: CandidateIdDto) {
    return this.candidates.get(id);
  }

  @MessagePattern(Patterns.candidates.search)
  search(@RpcData() query: CandidateSearchQueryDto) {
    return this.candidates.search(query);
  }

  @MessagePattern(Patterns.candidates.matchingFeatures)
  matchingFeatures(@RpcData() { id }: CandidateIdDto) {
    return this.candidates.matchingFeatures(id);
  }
}
