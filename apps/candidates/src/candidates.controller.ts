import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  CandidateAuditQuery,
  CandidateIdDto,
  CandidateIdsDto,
  CandidateSearchQueryDto,
  CreateCandidateDto,
  ImportCandidatesCommand,
  Patterns,
  UpdateCandidateCommand,
  UpdateOwnProfileCommand,
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

  @MessagePattern(Patterns.candidates.update)
  update(@RpcData() { id, patch }: UpdateCandidateCommand) {
    return this.candidates.update(id, patch);
  }

  // Its own pattern so the narrower DTO refuses status, notes and the like before the service runs.
  @MessagePattern(Patterns.candidates.updateOwn)
  updateOwn(@RpcData() { id, patch }: UpdateOwnProfileCommand) {
    return this.candidates.update(id, patch);
  }

  @MessagePattern(Patterns.candidates.erase)
  async erase(@RpcData() { id }: CandidateIdDto) {
    await this.candidates.erase(id);
    return { erased: id };
  }

  @MessagePattern(Patterns.candidates.import)
  import(@RpcData() { format, content }: ImportCandidatesCommand) {
    return this.candidates.import(format, content);
  }

  @MessagePattern(Patterns.candidates.search)
  search(@RpcData() query: CandidateSearchQueryDto) {
    return this.candidates.search(query);
  }

  @MessagePattern(Patterns.candidates.audit)
  audit(@RpcData() { id, limit, offset }: CandidateAuditQuery) {
    return this.candidates.auditTrail(id, { limit, offset });
  }

  @MessagePattern(Patterns.candidates.matchingFeatures)
  matchingFeatures(@RpcData() { id }: CandidateIdDto) {
    return this.candidates.matchingFeatures(id);
  }

  @MessagePattern(Patterns.candidates.notificationProfile)
  notificationProfile(@RpcData() { id }: CandidateIdDto) {
    return this.candidates.notificationProfile(id);
  }

  @MessagePattern(Patterns.candidates.identities)
  identities(@RpcData() { ids }: CandidateIdsDto) {
    return this.candidates.identitiesForEmployers(ids);
  }
}
