import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  CandidateMatchesQuery,
  CandidateNotificationsQuery,
  IdDto,
  OpeningMatchesQuery,
  Patterns,
  type PingReply,
} from '@brobygger/contracts';
import { pingReply } from '@brobygger/persistence';
import { RpcData } from '@brobygger/platform';
import { MatchingService } from './matching.service';

@Controller()
export class MatchingController {
  constructor(
    private readonly matching: MatchingService,
    private readonly orm: MikroORM,
  ) {}

  @MessagePattern(Patterns.matching.ping)
  ping(): Promise<PingReply> {
    return pingReply('matching', this.orm);
  }

  @MessagePattern(Patterns.matching.openingMatches)
  openingMatches(@RpcData() q: OpeningMatchesQuery) {
    return this.matching.openingMatches(q.openingId, q);
  }

  @MessagePattern(Patterns.matching.candidateMatches)
  candidateMatches(@RpcData() q: CandidateMatchesQuery) {
    return this.matching.candidateMatches(q.candidateId, q);
  }

  @MessagePattern(Patterns.matching.getMatch)
  getMatch(@RpcData() { id }: IdDto) {
    return this.matching.getMatch(id);
  }

  @MessagePattern(Patterns.matching.rescoreOpening)
  rescore(@RpcData() { id }: IdDto) {
    return this.matching.rescoreOpening(id);
  }

  @MessagePattern(Patterns.matching.candidateNotifications)
  notifications(@RpcData() q: CandidateNotificationsQuery) {
    return this.matching.candidateNotifications(q.candidateId, q.limit, q.offset);
  }
}
