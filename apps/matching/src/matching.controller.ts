import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  CandidateMatchesQuery,
  CandidateNotificationsQuery,
  DeliveryListQuery,
  NotificationReplyCommand,
  ReplyTokenCommand,
  IdDto,
  OpeningMatchesQuery,
  Patterns,
  type PingReply,
} from '@brobygger/contracts';
import { pingReply } from '@brobygger/persistence';
import { RpcData } from '@brobygger/platform';
import { MatchingService } from './matching.service';
import { NotificationsService } from './notifications/notifications.service';

@Controller()
export class MatchingController {
  constructor(
    private readonly matching: MatchingService,
    private readonly notify: NotificationsService,
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
    return this.notify.candidateNotifications(q.candidateId, q.limit, q.offset);
  }

  @MessagePattern(Patterns.matching.markNotificationRead)
  markRead(@RpcData() { id }: IdDto) {
    return this.notify.markRead(id);
  }

  @MessagePattern(Patterns.matching.replyToNotification)
  reply(@RpcData() { id, answer }: NotificationReplyCommand) {
    return this.notify.replyAsCandidate(id, answer);
  }

  @MessagePattern(Patterns.matching.replyWithToken)
  replyWithToken(@RpcData() { token, apply }: ReplyTokenCommand) {
    return this.notify.replyWithToken(token, apply);
  }

  @MessagePattern(Patterns.matching.deliveries)
  deliveries(@RpcData() q: DeliveryListQuery) {
    return this.notify.deliveries(q);
  }

  @MessagePattern(Patterns.matching.notifyByHand)
  notifyByHand(@RpcData() { id }: IdDto) {
    return this.notify.sendByHand(id);
  }
}
