import { Inject, Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { UnrecoverableError, type Job } from 'bullmq';
import {
  Conflict,
  Forbidden,
  jobId,
  NotFound,
  Patterns,
  type CandidateNotificationProfile,
  type DeliveryListQuery,
  type DeliveryView,
  type MatchReply,
  type NotificationView,
  type Page,
  type ReplyOutcome,
} from '@brobygger/contracts';
import {
  MailRejectedError,
  pickLanguage,
  renderDigestEmail,
  renderDigestSms,
  renderEmail,
  renderInApp,
  renderSms,
  signReplyToken,
  smsAllowedAt,
  SmsRejectedError,
  SmsTooLongError,
  verifyReplyToken,
  type Lang,
  type NotificationInput,
  type SkillLabel,
  type OpeningSummary,
  type SmsProvider,
} from '@brobygger/notify';
import { addToOutbox } from '@brobygger/persistence';
import { emptyExplanation } from '@brobygger/scoring';
import { CONFIG, JobQueues, LOGGER, requestContext, RpcCaller, type Logger } from '@brobygger/platform';
import type { MatchingConfig } from '../config';
import { Delivery, Match, Notification, OpeningProfile } from '../entities';
import { MATCHING_SCHEMA as S } from '../schema';
import { MAILER, SMS, type Mailer } from './senders';
import { SkillNames } from './skill-names';

const DAY_MS = 24 * 3600_000;
const CHANNELS = ['email', 'sms'] as const;
type Channel = (typeof CHANNELS)[number];

/** YYYY-MM-DD and hour in Europe/Oslo. */
function osloParts(d: Date): { day: string; hour: number } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Oslo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) };
}

/** The first moment of `hour` o'clock Oslo time on `day` (DST-safe: tries both offsets Norway uses). */
function osloTime(day: string, hour: number): Date {
  for (const offset of [1, 2]) {
    const d = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+0${offset}:00`);
    const p = osloParts(d);
    if (p.day === day && p.hour === hour) return d;
  }
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+01:00`);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * Notifications to candidates (issue 7). One notification per candidate and opening, ever: made when a match
 * crosses the notify threshold or when staff send one by hand, shown in the app when the candidate agreed
 * to that, and carried by e-mail and SMS deliveries, each a BullMQ job queued through the outbox in the
 * same transaction. Deliveries record the attempt before sending; SMS carry the delivery id as the
 * provider's idempotency key, e-mails it as their Message-ID.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly rpc: RpcCaller,
    private readonly queues: JobQueues,
    @Inject(CONFIG) private readonly config: MatchingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(SMS) private readonly sms: SmsProvider | null,
    private readonly skillNames: SkillNames,
  ) {}

  // --- making notifications -------------------------------------------------------------------------------

  /** Job: a stored match crossed the notify threshold. Does nothing when the pair was notified before. */
  async onMatchNotify(matchId: string): Promise<void> {
    await this.create(matchId, 'match');
  }

  /** Staff: "we think this fits you". Once per candidate and opening, like every notification. */
  async sendByHand(matchId: string): Promise<NotificationView> {
    const outcome = await this.create(matchId, 'manual');
    if (outcome.status === 'exists') {
      throw new Conflict('This candidate has already been told about this opening', [
        { field: 'matchId', messages: ['a notification for this candidate and opening exists'] },
      ]);
    }
    if (outcome.status === 'skipped') {
      throw new Conflict(`Not sent: ${outcome.reason}`, [{ field: 'matchId', messages: [outcome.reason] }]);
    }
    return (await this.views([outcome.notification]))[0];
  }

  private async create(
    matchId: string,
    kind: 'match' | 'manual',
  ): Promise<
    | { status: 'created'; notification: Notification; match: Match }
    | { status: 'exists' }
    | { status: 'skipped'; reason: string }
  > {
    const em = this.orm.em.fork();
    const match = await em.findOne(Match, { id: matchId });
    if (!match) {
      if (kind === 'manual') throw new NotFound(`Match ${matchId} not found`);
      return { status: 'skipped', reason: 'the match is gone' };
    }
    if (kind === 'match' && match.score < this.config.MATCH_NOTIFY_THRESHOLD) {
      return { status: 'skipped', reason: 'below the notify threshold' };
    }
    // Checked again here, not only when the job is queued: the match may have been rescored since. Staff
    // sending one by hand have looked at it and may.
    if (kind === 'match' && match.explanation.meetsNoMustHave) {
      return { status: 'skipped', reason: 'meets none of the must-haves' };
    }
    const opening = await em.findOne(OpeningProfile, { openingId: match.openingId });
    if (opening?.status !== 'published') return { status: 'skipped', reason: 'the opening is not published' };
    if (match.reply === 'not-interested')
      return { status: 'skipped', reason: 'the candidate said not for me' };
    // The candidates service answers for whether they are active, not matching's copy, which may lag.
    const profile = await this.profile(match.candidateId);
    if (!profile?.active) return { status: 'skipped', reason: 'the candidate is not active' };
    const reach = this.reach(profile);
    if (!reach.inApp && !reach.email && !reach.sms) {
      return { status: 'skipped', reason: 'the candidate agreed to no channel we can use' };
    }
    const lang = pickLanguage(profile.preferredLanguage);
    const now = new Date();

    return em.transactional(async (tx) => {
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into ${S}.notification (id, candidate_id, opening_id, match_id, kind, in_app, lang, score,
           opening_title, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, now())
         on conflict (candidate_id, opening_id) do nothing
         returning id`,
        [match.candidateId, match.openingId, match.id, kind, reach.inApp, lang, match.score, opening.title],
      );
      if (!inserted.length) return { status: 'exists' as const };
      const notification = await tx.findOneOrFail(Notification, { id: inserted[0].id });
      // The weekly cap holds back automatic messages only; staff choosing to send one is not capped. It
      // counts notifications that went (or are going) out by e-mail or SMS, not capped or in-app-only ones,
      // and one candidate's notify jobs take turns here, so jobs running side by side cannot all slip under.
      let capped = false;
      if (kind === 'match' && (reach.email || reach.sms)) {
        await tx.execute(`select pg_advisory_xact_lock(hashtextextended('matching.notify/' || ?, 0))`, [
          match.candidateId,
        ]);
        const [{ n }] = await tx.execute<{ n: number }[]>(
          `select count(distinct nid)::int as n
           from ${S}.delivery d cross join unnest(d.notification_ids) as nid
           join ${S}.notification x on x.id = nid
           where d.candidate_id = ? and d.status in ('queued', 'held', 'sending', 'sent')
             and x.kind = 'match' and x.created_at > now() - interval '7 days'`,
          [match.candidateId],
        );
        capped = n >= this.config.NOTIFY_WEEKLY_CAP;
      }
      for (const channel of CHANNELS) {
        if (!reach[channel]) continue;
        if (capped) {
          await this.insertDelivery(tx, {
            channel,
            candidateId: match.candidateId,
            notificationIds: [notification.id],
            status: 'skipped',
            heldReason: 'weekly-cap',
            sendAfter: now,
          });
        } else if (profile.digest) {
          await this.addToDigest(tx, channel, match.candidateId, notification.id, now);
        } else {
          const sendAfter = channel === 'sms' ? this.smsTime(now) : now;
          const held = sendAfter.getTime() > now.getTime();
          const id = await this.insertDelivery(tx, {
            channel,
            candidateId: match.candidateId,
            notificationIds: [notification.id],
            status: held ? 'held' : 'queued',
            heldReason: held ? 'quiet-hours' : null,
            sendAfter,
          });
          this.queueDelivery(tx, id, sendAfter, now);
        }
      }
      return { status: 'created' as const, notification, match };
    });
  }

  /** Channels the candidate agreed to and we can use: an address for e-mail, a number for SMS. */
  private reach(p: CandidateNotificationProfile): Record<Channel | 'inApp', boolean> {
    return {
      inApp: p.channels.inApp,
      email: p.channels.email && !!p.email,
      sms: p.channels.sms && !!p.phone,
    };
  }

  private smsTime(now: Date): Date {
    return smsAllowedAt(now, { fromHour: this.config.SMS_QUIET_FROM, toHour: this.config.SMS_QUIET_TO });
  }

  private async insertDelivery(
    em: EntityManager,
    d: {
      channel: Channel;
      candidateId: string;
      notificationIds: string[];
      status: Delivery['status'];
      heldReason: string | null;
      sendAfter: Date;
    },
  ): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into ${S}.delivery (id, candidate_id, channel, kind, dedupe_key, notification_ids, status, held_reason,
         send_after, attempts, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, 'single', ?, ?::uuid[], ?, ?, ?, 0, now(), now())
       returning id`,
      [
        d.candidateId,
        d.channel,
        `${d.notificationIds[0]}/${d.channel}`,
        `{${d.notificationIds.join(',')}}`,
        d.status,
        d.heldReason,
        d.sendAfter,
      ],
    );
    return row.id;
  }

  /**
   * A candidate who chose a daily digest gets one message per channel and day at DIGEST_HOUR (SMS still
   * respect quiet hours), listing the day's notifications. The digest row collects them while it waits; once
   * it is being sent, later ones go into the next day's.
   */
  private async addToDigest(
    em: EntityManager,
    channel: Channel,
    candidateId: string,
    notificationId: string,
    now: Date,
  ): Promise<void> {
    const today = osloParts(now);
    let day = today.hour < this.config.DIGEST_HOUR ? today.day : nextDay(today.day);
    for (let i = 0; i < 3; i++, day = nextDay(day)) {
      let sendAfter = osloTime(day, this.config.DIGEST_HOUR);
      if (channel === 'sms') sendAfter = this.smsTime(sendAfter);
      const rows = await em.execute<{ id: string; created: boolean }[]>(
        `insert into ${S}.delivery (id, candidate_id, channel, kind, dedupe_key, notification_ids, status,
           held_reason, send_after, attempts, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, 'digest', ?, ?::uuid[], 'held', 'digest', ?, 0, now(), now())
         on conflict (dedupe_key) do update
           set notification_ids = delivery.notification_ids || excluded.notification_ids, updated_at = now()
           where delivery.status = 'held'
         returning id, (xmax = 0) as created`,
        [candidateId, channel, `digest/${candidateId}/${channel}/${day}`, `{${notificationId}}`, sendAfter],
      );
      if (!rows.length) continue; // that day's digest is already going out
      if (rows[0].created) this.queueDelivery(em, rows[0].id, sendAfter, now);
      return;
    }
  }

  private queueDelivery(em: EntityManager, deliveryId: string, sendAfter: Date, now: Date): void {
    addToOutbox(
      em,
      { name: 'notification.deliver', data: { deliveryId } },
      { jobId: jobId('deliver', deliveryId), delayMs: Math.max(0, sendAfter.getTime() - now.getTime()) },
    );
  }

  // --- sending --------------------------------------------------------------------------------------------

  /**
   * Job: send one delivery. The attempt is recorded (status 'sending', attempts + 1) before anything goes
   * out, so a crash shows; the retry sends the same message under the same idempotency key / Message-ID.
   * Temporary failures retry with backoff and are marked failed after the last attempt; permanent ones
   * (address refused, number rejected) are failed at once. Either way staff see it with its reason.
   */
  async deliver(deliveryId: string, job?: Job): Promise<void> {
    const em = this.orm.em.fork();
    const claimed = await em.execute<{ id: string }[]>(
      `update ${S}.delivery set status = 'sending', attempts = attempts + 1, updated_at = now()
       where id = ? and status in ('queued', 'held', 'sending') returning id`,
      [deliveryId],
    );
    if (!claimed.length) return; // sent, failed, skipped, or erased with its candidate
    const finish = (status: Delivery['status'], fields: Record<string, unknown> = {}) =>
      em.nativeUpdate(Delivery, { id: deliveryId }, { status, updatedAt: new Date(), ...fields });
    try {
      await this.send(em, deliveryId, finish);
    } catch (err) {
      // Whatever failed (the send, the candidates service, the database), the row says so; after the last
      // attempt, or for a refusal no retry mends, it is failed for staff to see.
      const reason = (err as Error).message;
      const permanent =
        err instanceof MailRejectedError || err instanceof SmsRejectedError || err instanceof SmsTooLongError;
      const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (permanent || lastAttempt) {
        await finish('failed', { lastError: reason });
        this.logger.error({ deliveryId, err: reason }, 'notification delivery failed');
        throw new UnrecoverableError(`delivery ${deliveryId} failed: ${reason}`);
      }
      await finish('queued', { lastError: reason });
      throw err;
    }
  }

  private async send(
    em: EntityManager,
    deliveryId: string,
    finish: (status: Delivery['status'], fields?: Record<string, unknown>) => Promise<number>,
  ): Promise<void> {
    const d = await em.findOneOrFail(Delivery, { id: deliveryId });
    const sender = d.channel === 'email' ? this.mailer : this.sms;
    if (!sender) return void (await finish('skipped', { heldReason: `${d.channel} is switched off` }));
    // A retry after a failure at 20:58 must not go out at 21:30: back to held until the morning.
    const now = new Date();
    const allowed = d.channel === 'sms' ? this.smsTime(now) : now;
    if (allowed.getTime() > now.getTime()) {
      await finish('held', { heldReason: 'quiet-hours', sendAfter: allowed });
      await this.queues.enqueueMany([
        {
          item: { name: 'notification.deliver', data: { deliveryId } },
          opts: {
            jobId: jobId('deliver', deliveryId, allowed.getTime()),
            delayMs: allowed.getTime() - now.getTime(),
          },
        },
      ]);
      return;
    }
    const profile = await this.profile(d.candidateId);
    const to = d.channel === 'email' ? profile?.email : profile?.phone;
    if (!profile?.active || !profile.channels[d.channel] || !to) {
      return void (await finish('skipped', { heldReason: 'consent withdrawn or no address' }));
    }
    const items = await this.liveItems(em, d.notificationIds);
    if (!items.length) {
      return void (await finish('skipped', {
        heldReason: 'opening closed or the candidate said not for me',
      }));
    }
    const lang = pickLanguage(profile.preferredLanguage);
    const skillLabel = await this.skillNames.labeller(
      lang,
      items.map((it) => it.match.explanation),
    );
    const inputs = items.map((it) => this.input(lang, it.notification, it.match, it.opening, skillLabel));
    let providerId: string;
    if (d.channel === 'email') {
      const mail = d.kind === 'digest' ? renderDigestEmail(lang, inputs) : renderEmail(inputs[0]);
      ({ messageId: providerId } = await this.mailer!.send({ ...mail, to, messageId: d.id }));
    } else {
      const sms = d.kind === 'digest' ? renderDigestSms(lang, inputs) : renderSms(inputs[0]);
      ({ providerMessageId: providerId } = await this.sms!.send({
        to,
        text: sms.text,
        idempotencyKey: d.id,
      }));
    }
    await finish('sent', { sentAt: new Date(), providerId, lastError: null, heldReason: null });
  }

  /** The notifications a delivery still carries: opening published, no "not for me" from the candidate. */
  private async liveItems(
    em: EntityManager,
    ids: string[],
  ): Promise<{ notification: Notification; match: Match; opening: OpeningProfile }[]> {
    const notifications = await em.find(
      Notification,
      { id: { $in: ids } },
      { orderBy: { createdAt: 'asc' } },
    );
    return (await this.withContext(em, notifications)).flatMap(({ notification, match, opening }) => {
      if (!match || !opening || opening.status !== 'published' || match.reply === 'not-interested') return [];
      return [{ notification, match, opening }];
    });
  }

  /** Each notification with its match and opening (if still there), read in two queries for all of them. */
  private async withContext(
    em: EntityManager,
    notifications: Notification[],
  ): Promise<{ notification: Notification; match?: Match; opening?: OpeningProfile }[]> {
    const [matches, openings] = await Promise.all([
      em.find(Match, { id: { $in: notifications.map((n) => n.matchId) } }),
      em.find(OpeningProfile, { openingId: { $in: notifications.map((n) => n.openingId) } }),
    ]);
    const matchById = new Map(matches.map((m) => [m.id, m]));
    const openingById = new Map(openings.map((o) => [o.openingId, o]));
    return notifications.map((notification) => ({
      notification,
      match: matchById.get(notification.matchId),
      opening: openingById.get(notification.openingId),
    }));
  }
  private input(
    lang: Lang,
    n: Notification,
    m: Match,
    o: OpeningProfile,
    skillLabel: SkillLabel,
  ): NotificationInput {
    return {
      lang,
      opening: this.summary(o),
      explanation: m.explanation,
      skillLabel,
      links: {
        interested: this.link(n.id, 'interested'),
        notForMe: this.link(n.id, 'not-interested'),
      },
    };
  }

  /** What the message may say of the opening; the title and type until the opening's display block arrives. */
  private summary(o: OpeningProfile): OpeningSummary {
    const d = o.display ?? {};
    return {
      title: d.title ?? o.title,
      type: d.type ?? o.requirements.type,
      ...(d.employerName ? { employerName: d.employerName } : {}),
      ...(d.place ? { place: d.place } : {}),
      ...(d.startDate ? { startDate: d.startDate } : {}),
    };
  }

  private link(notificationId: string, answer: MatchReply): string {
    const token = signReplyToken(
      {
        notificationId,
        answer,
        expiresAt: new Date(Date.now() + this.config.REPLY_LINK_DAYS * DAY_MS),
      },
      this.config.REPLY_LINK_SECRET,
    );
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}/r/${token}`;
  }

  private profile(candidateId: string): Promise<CandidateNotificationProfile | null> {
    return this.rpc.call<CandidateNotificationProfile | null>(Patterns.candidates.notificationProfile, {
      id: candidateId,
    });
  }

  // --- replies --------------------------------------------------------------------------------------------

  /**
   * A reply link, opened without logging in. `apply: false` only reads it (the page asks to confirm: mail
   * scanners open links too, and must not answer for the candidate). Each notification's links work once:
   * used again, expired or altered, they get a clear page and change nothing.
   */
  async replyWithToken(token: string, apply: boolean): Promise<ReplyOutcome> {
    const claims = verifyReplyToken(token, this.config.REPLY_LINK_SECRET);
    if (!claims.ok) return { outcome: claims.reason === 'expired' ? 'expired' : 'invalid', lang: 'nb' };
    return this.orm.em.fork().transactional(async (em): Promise<ReplyOutcome> => {
      const n = await em.findOne(Notification, { id: claims.notificationId });
      if (!n) return { outcome: 'gone', lang: 'nb' };
      const match = await em.findOne(Match, { id: n.matchId });
      const base = { lang: n.lang, openingTitle: n.openingTitle };
      if (!match) return { ...base, outcome: 'gone' };
      if (n.replyViaLinkAt) return { ...base, outcome: 'already-answered', answer: match.reply ?? undefined };
      if (!apply) {
        // The page also offers the other answer, through a link that expires when this one does.
        const counter = signReplyToken(
          {
            notificationId: n.id,
            answer: claims.answer === 'interested' ? 'not-interested' : 'interested',
            expiresAt: claims.expiresAt,
          },
          this.config.REPLY_LINK_SECRET,
        );
        return { ...base, outcome: 'confirm', answer: claims.answer, counterToken: counter };
      }
      // Using the link and recording the answer commit together, or neither does.
      const used = await em.nativeUpdate(
        Notification,
        { id: n.id, replyViaLinkAt: null },
        { replyViaLinkAt: new Date() },
      );
      if (!used) return { ...base, outcome: 'already-answered', answer: match.reply ?? undefined };
      await this.recordReply(em, n, claims.answer);
      return { ...base, outcome: 'recorded', answer: claims.answer };
    });
  }

  /** The logged-in candidate answers in the app; they may change their mind. */
  async replyAsCandidate(notificationId: string, answer: MatchReply): Promise<NotificationView> {
    const em = this.orm.em.fork();
    const n = await this.ownNotification(em, notificationId);
    const match = await em.findOne(Match, { id: n.matchId });
    if (!match)
      throw new Conflict('This job tip is no longer available', [{ field: 'id', messages: ['gone'] }]);
    await this.recordReply(em, n, answer);
    return (await this.views([n]))[0];
  }

  private async recordReply(em: EntityManager, n: Notification, answer: MatchReply): Promise<void> {
    await em.nativeUpdate(Match, { id: n.matchId }, { reply: answer, repliedAt: new Date() });
    // "Not for me" also stops what is still waiting to go out about this opening.
    if (answer === 'not-interested') {
      await em.execute(
        `update ${S}.delivery set status = 'skipped', held_reason = 'not-interested', updated_at = now()
         where kind = 'single' and notification_ids = array[?::uuid] and status in ('queued', 'held')`,
        [n.id],
      );
    }
  }

  // --- reading --------------------------------------------------------------------------------------------

  async candidateNotifications(
    candidateId: string,
    limit: number,
    offset: number,
  ): Promise<Page<NotificationView>> {
    const em = this.orm.em.fork();
    const [items, total] = await em.findAndCount(
      Notification,
      { candidateId, inApp: true },
      { orderBy: { createdAt: 'desc' }, limit, offset },
    );
    return {
      items: await this.views(items),
      total,
      limit,
      offset,
    };
  }

  async markRead(notificationId: string): Promise<NotificationView> {
    const em = this.orm.em.fork();
    const n = await this.ownNotification(em, notificationId);
    if (!n.readAt) {
      n.readAt = new Date();
      await em.flush();
    }
    return (await this.views([n]))[0];
  }

  /** Staff follow deliveries up: `status=failed` lists what did not go out, with the reason. */
  async deliveries(q: DeliveryListQuery): Promise<Page<DeliveryView>> {
    const [items, total] = await this.orm.em.fork().findAndCount(
      Delivery,
      {
        ...(q.status ? { status: q.status } : {}),
        ...(q.candidateId ? { candidateId: q.candidateId } : {}),
      },
      { orderBy: { updatedAt: 'desc', id: 'asc' }, limit: q.limit, offset: q.offset },
    );
    return {
      items: items.map((d) => ({
        id: d.id,
        candidateId: d.candidateId,
        channel: d.channel,
        kind: d.kind,
        notificationIds: d.notificationIds,
        status: d.status,
        ...(d.heldReason ? { heldReason: d.heldReason } : {}),
        sendAfter: d.sendAfter.toISOString(),
        attempts: d.attempts,
        ...(d.lastError ? { lastError: d.lastError } : {}),
        ...(d.sentAt ? { sentAt: d.sentAt.toISOString() } : {}),
        updatedAt: d.updatedAt.toISOString(),
      })),
      total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  /** The candidate's own notification; anyone else's is "not found" (a candidate cannot probe ids). */
  private async ownNotification(em: EntityManager, id: string): Promise<Notification> {
    const actor = requestContext.get()?.actor;
    if (actor?.role !== 'candidate') throw new Forbidden('Only the candidate answers their notifications');
    const n = await em.findOne(Notification, { id, candidateId: actor.candidateId });
    if (!n) throw new NotFound(`Notification ${id} not found`);
    return n;
  }

  /**
   * Notifications as the candidate sees them, with their matches and openings read once for the whole page
   * (from a fresh fork, so an answer just written shows).
   */
  private async views(notifications: Notification[]): Promise<NotificationView[]> {
    const items = await this.withContext(this.orm.em.fork(), notifications);
    // Each notification speaks the language it was written in (usually one for the whole page): one ask for
    // skill names per language.
    const labellers = new Map<Lang, SkillLabel>();
    for (const lang of new Set(notifications.map((n) => pickLanguage(n.lang)))) {
      const explanations = items.flatMap((it) =>
        it.match && pickLanguage(it.notification.lang) === lang ? [it.match.explanation] : [],
      );
      labellers.set(lang, await this.skillNames.labeller(lang, explanations));
    }
    return items.map(({ notification, match, opening }) =>
      this.view(notification, labellers.get(pickLanguage(notification.lang))!, match, opening),
    );
  }

  private view(
    n: Notification,
    skillLabel: SkillLabel,
    m?: Match,
    opening?: OpeningProfile,
  ): NotificationView {
    const lang = pickLanguage(n.lang);
    const app = renderInApp({
      lang,
      opening: opening ? this.summary(opening) : { title: n.openingTitle, type: 'job' },
      explanation: m?.explanation ?? emptyExplanation(),
      skillLabel,
    });
    return {
      id: n.id,
      matchId: n.matchId,
      openingId: n.openingId,
      kind: n.kind,
      score: n.score,
      openingTitle: n.openingTitle,
      lang: app.lang,
      dir: app.dir,
      title: app.title,
      body: app.body,
      reasons: app.reasons,
      ...(m?.reply ? { reply: m.reply } : {}),
      createdAt: n.createdAt.toISOString(),
      ...(n.readAt ? { readAt: n.readAt.toISOString() } : {}),
    };
  }
}
