import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { INestMicroservice } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import {
  Conflict,
  Patterns,
  type CandidateNotificationProfile,
  type DeliveryView,
  type MatchView,
  type NotificationView,
  type Page,
  type ReplyOutcome,
} from '@brobygger/contracts';
import { signReplyToken, smsSegments } from '@brobygger/notify';
import {
  mailHeader,
  mailPart,
  startFakeSmsProvider,
  startTestSmtpServer,
  type FakeSmsProvider,
  type TestSmtpServer,
} from '@brobygger/notify/testing';
import { requestContext, type RpcCaller } from '@brobygger/platform';
import { DEFAULT_WEIGHTS, scoreMatch } from '@brobygger/scoring';
import { eventually, isolate, scoringCandidate, scoringOpening, type Isolation } from '@brobygger/testing';
import {
  FakeNotificationProfilesModule,
  notificationProfiles,
  startFakeService,
  testQueue,
} from './support/fakes';
import { baseEnv, rpcClient, startMatchingService } from './support/services';

const ROOT = join(__dirname, '..', '..');

const requirements = scoringOpening(['welding']);
const features = scoringCandidate(['welding']);
const explanation = (() => {
  const r = scoreMatch(features, requirements, {
    weights: DEFAULT_WEIGHTS,
    proximity: { closeness: () => undefined },
    today: '2026-11-21',
  });
  return { ...r.explanation, gates: r.gates };
})();

describe('match notifications: e-mail, SMS and in-app, once, with a reply', () => {
  let iso: Isolation;
  let db: Client;
  let smtp: TestSmtpServer;
  let sms: FakeSmsProvider;
  let candidates: INestMicroservice;
  let client: { rpc: RpcCaller; close: () => Promise<void> };
  let notifications: Queue;
  let app: INestMicroservice | undefined;
  const env = (extra: Record<string, string> = {}) => ({
    SMTP_URL: smtp.url,
    SMS_API_URL: sms.url,
    SMS_API_KEY: sms.apiKey,
    PUBLIC_URL: 'https://brobygger.example.no',
    // Quiet hours nowhere near now unless a test says so (00:00–00:00 is "never quiet").
    SMS_QUIET_FROM: '0',
    SMS_QUIET_TO: '0',
    NOTIFY_WEEKLY_CAP: '3',
    JOB_LOCK_MS: '1500',
    ...extra,
  });
  const start = async (extra: Record<string, string> = {}) => {
    app = await startMatchingService(iso, env(extra));
  };

  /** A published opening, an active candidate and their stored match; returns the ids. */
  const seed = async (profile: Partial<CandidateNotificationProfile> = {}, title = 'Sveiser') => {
    const [openingId, candidateId, matchId] = [randomUUID(), randomUUID(), randomUUID()];
    await db.query(
      `insert into matching.opening_profile (opening_id, employer_id, version, status, title, requirements, display, updated_at)
       values ($1, $2, 1, 'published', $3, $4, $5, now())`,
      [
        openingId,
        randomUUID(),
        title,
        JSON.stringify(requirements),
        JSON.stringify({ title, type: 'permanent', employerName: 'Sveis AS', place: 'Drammen' }),
      ],
    );
    await db.query(
      `insert into matching.candidate_features (candidate_id, version, matchable, notify_in_app, share_with_employers, features, updated_at)
       values ($1, 1, true, true, false, $2, now())`,
      [candidateId, JSON.stringify(features)],
    );
    await db.query(
      `insert into matching."match" (id, opening_id, candidate_id, score, explanation, weights_version, opening_version, candidate_version, created_at, updated_at)
       values ($1, $2, $3, 90, $4, 'w2', 1, 1, now(), now())`,
      [matchId, openingId, candidateId, JSON.stringify(explanation)],
    );
    notificationProfiles.set(candidateId, {
      id: candidateId,
      active: true,
      preferredLanguage: 'nb',
      email: `${candidateId.slice(0, 8)}@example.org`,
      phone: '+4791234567',
      channels: { email: true, sms: false, inApp: true },
      digest: false,
      ...profile,
    });
    return { openingId, candidateId, matchId };
  };
  const notify = (matchId: string, tag = 'a') =>
    notifications.add('match.notify', { matchId }, { jobId: `notify.test.${matchId}.${tag}` });
  const deliveriesOf = async (candidateId: string) =>
    (
      await client.rpc.call<Page<DeliveryView>>(Patterns.matching.deliveries, {
        candidateId,
        limit: 50,
        offset: 0,
      })
    ).items;
  const mailsTo = (candidateId: string) =>
    smtp.received.filter((m) => m.to[0] === `${candidateId.slice(0, 8)}@example.org`);
  /** For `eventually`: the mails that arrived for this candidate, once there are any. */
  const mailsOf = (candidateId: string) =>
    Promise.resolve(mailsTo(candidateId).length ? mailsTo(candidateId) : undefined);
  const asCandidate = <T>(candidateId: string, fn: () => Promise<T>) =>
    requestContext.run({ requestId: 't', actor: { sub: 'c', role: 'candidate', candidateId } }, fn);

  beforeAll(async () => {
    iso = await isolate();
    db = new Client({ connectionString: iso.databaseUrl });
    await db.connect();
    smtp = await startTestSmtpServer();
    sms = await startFakeSmsProvider();
    candidates = await startFakeService(iso, 'candidates', FakeNotificationProfilesModule);
    client = await rpcClient(iso);
    notifications = testQueue(iso, 'notifications');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    smtp.refuseRecipients(undefined);
    smtp.release();
  });
  afterAll(async () => {
    await notifications?.close();
    await client?.close();
    await candidates?.close();
    await sms?.close();
    await smtp?.close();
    await db?.end();
  });

  it('e-mails an Arabic reader right-to-left, shows it in the app, and never sends the same opening twice', async () => {
    await start();
    const { candidateId, matchId } = await seed({ preferredLanguage: 'ar' });
    await notify(matchId);
    const [mail] = await eventually(() => mailsOf(candidateId), {
      what: 'the e-mail',
    });
    expect(mailHeader(mail.raw, 'Content-Language')).toBe('ar');
    const html = mailPart(mail.raw, 'text/html')!;
    expect(html).toMatch(/<html[^>]*lang="ar"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="ar"/);
    expect(html).toContain('Sveis AS');
    const text = mailPart(mail.raw, 'text/plain')!;
    expect(text.match(/https:\/\/brobygger\.example\.no\/r\/[\w.-]+/g)).toHaveLength(2);

    // In the app, in the same language.
    const inbox = await client.rpc.call<Page<NotificationView>>(Patterns.matching.candidateNotifications, {
      candidateId,
      limit: 10,
      offset: 0,
    });
    expect(inbox.items).toEqual([
      expect.objectContaining({ matchId, lang: 'ar', dir: 'rtl', kind: 'match' }),
    ]);
    expect(inbox.items[0].reasons.length).toBeGreaterThan(0);

    // Rescored and notified again (another job id), sent by hand: still one message, and staff hear why.
    await notify(matchId, 'b');
    await expect(client.rpc.call(Patterns.matching.notifyByHand, { id: matchId })).rejects.toBeInstanceOf(
      Conflict,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo(candidateId)).toHaveLength(1);
    expect(await deliveriesOf(candidateId)).toEqual([
      expect.objectContaining({ channel: 'email', status: 'sent', attempts: 1 }),
    ]);
  });

  it('answers through the signed link once; a reused, altered or expired link changes nothing', async () => {
    await start();
    const { candidateId, matchId, openingId } = await seed({ preferredLanguage: 'en' });
    await notify(matchId);
    const [mail] = await eventually(() => mailsOf(candidateId), {
      what: 'the e-mail',
    });
    const [interested] = mailPart(mail.raw, 'text/plain')!
      .match(/https:\/\/\S+\/r\/([\w.-]+)/)!
      .slice(1);
    const reply = (token: string, apply: boolean) =>
      client.rpc.call<ReplyOutcome>(Patterns.matching.replyWithToken, { token, apply });

    // Opening the link only asks (mail scanners open links too); confirming records it.
    expect(await reply(interested, false)).toMatchObject({ outcome: 'confirm', answer: 'interested' });
    expect(
      (await db.query(`select reply from matching."match" where id = $1`, [matchId])).rows[0].reply,
    ).toBeNull();
    expect(await reply(interested, true)).toMatchObject({ outcome: 'recorded', answer: 'interested' });
    expect(await reply(interested, true)).toMatchObject({
      outcome: 'already-answered',
      answer: 'interested',
    });
    const altered = interested.replace(/^(.)/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await reply(altered, true)).toMatchObject({ outcome: 'invalid' });
    expect(await reply('garbage', true)).toMatchObject({ outcome: 'invalid' });
    const notificationId = (
      await db.query<{ id: string }>(`select id from matching.notification where match_id = $1`, [matchId])
    ).rows[0].id;
    const expired = signReplyToken(
      { notificationId, answer: 'not-interested', expiresAt: new Date(Date.now() - 1000) },
      baseEnv(iso).REPLY_LINK_SECRET,
    );
    expect(await reply(expired, true)).toMatchObject({ outcome: 'expired' });
    expect(
      (await db.query(`select reply from matching."match" where id = $1`, [matchId])).rows[0].reply,
    ).toBe('interested');

    // Staff see who is interested, first.
    const page = await requestContext.run({ requestId: 't', actor: { sub: 's', role: 'staff' } }, () =>
      client.rpc.call<Page<MatchView>>(Patterns.matching.openingMatches, { openingId, limit: 10, offset: 0 }),
    );
    expect(page.items[0]).toMatchObject({ id: matchId, reply: { answer: 'interested' } });
    const interestedOnly = await requestContext.run(
      { requestId: 't', actor: { sub: 's', role: 'staff' } },
      () =>
        client.rpc.call<Page<MatchView>>(Patterns.matching.openingMatches, {
          openingId,
          reply: 'none',
          limit: 10,
          offset: 0,
        }),
    );
    expect(interestedOnly.total).toBe(0);
  });

  it('holds an SMS in quiet hours, sends it within two segments otherwise, and retries a provider 500 without a second SMS', async () => {
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' }).format(
        new Date(),
      ),
    );
    await start({ SMS_QUIET_FROM: String(hour), SMS_QUIET_TO: String((hour + 2) % 24) });
    const quiet = await seed({ channels: { email: false, sms: true, inApp: false } });
    await notify(quiet.matchId);
    const [held] = await eventually(async () => {
      const d = await deliveriesOf(quiet.candidateId);
      return d.length ? d : undefined;
    });
    expect(held).toMatchObject({ channel: 'sms', status: 'held', heldReason: 'quiet-hours' });
    expect(Date.parse(held.sendAfter)).toBeGreaterThan(Date.now() + 3600_000);
    await app!.close();

    await start();
    sms.failNext(2, 500);
    const loud = await seed({ channels: { email: false, sms: true, inApp: false }, preferredLanguage: 'uk' });
    await notify(loud.matchId);
    const sent = await eventually(
      async () => (await deliveriesOf(loud.candidateId)).find((d) => d.status === 'sent'),
      { what: 'the SMS after two 500s', timeoutMs: 30_000 },
    );
    expect(sent.attempts).toBe(3);
    const received = sms.messages.filter((m) => m.text.includes('brobygger.example.no'));
    expect(received).toHaveLength(1);
    expect(smsSegments(received[0].text).segments).toBeLessThanOrEqual(2);
  });

  it('rides out an SMTP outage, and lists a refused address as failed for staff', async () => {
    const port = smtp.port;
    await smtp.close();
    await start();
    const down = await seed();
    await notify(down.matchId);
    await eventually(
      async () => (await deliveriesOf(down.candidateId)).find((d) => d.lastError && d.status === 'queued'),
      { what: 'a failed first attempt' },
    );
    smtp = await startTestSmtpServer(port);
    await eventually(async () => (await deliveriesOf(down.candidateId)).find((d) => d.status === 'sent'), {
      what: 'the e-mail after the outage',
      timeoutMs: 30_000,
    });
    expect(mailsTo(down.candidateId)).toHaveLength(1);

    smtp.refuseRecipients(550);
    const refused = await seed();
    await notify(refused.matchId);
    const failed = await eventually(async () => {
      const page = await client.rpc.call<Page<DeliveryView>>(Patterns.matching.deliveries, {
        status: 'failed',
        limit: 50,
        offset: 0,
      });
      return page.items.find((d) => d.candidateId === refused.candidateId);
    });
    // Refused for good: no retries, and the reason says why without the address.
    expect(failed).toMatchObject({ attempts: 1, lastError: expect.stringContaining('550') });
    expect(failed.lastError).not.toContain('@');
  });

  it('caps automatic messages per week, and "not for me" stops what still waits', async () => {
    await start({ NOTIFY_WEEKLY_CAP: '2', NOTIFY_CONCURRENCY: '4' });
    const first = await seed();
    const candidateId = first.candidateId;
    const more = [];
    for (let i = 0; i < 2; i++) {
      const s = await seed({}, `Jobb ${i}`);
      // The same candidate, three openings.
      await db.query(`update matching."match" set candidate_id = $1 where id = $2`, [candidateId, s.matchId]);
      more.push(s);
    }
    // All three at once: the notify jobs run side by side, and still only two get through.
    await Promise.all([first, ...more].map((m) => notify(m.matchId)));
    let seen = '';
    const deliveries = await eventually(
      async () => {
        const d = await deliveriesOf(candidateId);
        seen = JSON.stringify(d.map((x) => [x.status, x.heldReason, x.lastError]));
        return d.length === 3 && d.filter((x) => x.status === 'sent').length === 2 ? d : undefined;
      },
      { what: 'two sent, one capped', timeoutMs: 20_000 },
    ).catch((err: Error) => {
      throw new Error(`${err.message}; deliveries ${seen}`);
    });
    expect(deliveries.filter((d) => d.status === 'skipped')).toEqual([
      expect.objectContaining({ heldReason: 'weekly-cap' }),
    ]);
    // Capped messages still show in the app.
    const inbox = await client.rpc.call<Page<NotificationView>>(Patterns.matching.candidateNotifications, {
      candidateId,
      limit: 10,
      offset: 0,
    });
    expect(inbox.total).toBe(3);

    // "Not for me" while an SMS waits for the morning: it is never sent.
    await app!.close();
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' }).format(
        new Date(),
      ),
    );
    await start({ SMS_QUIET_FROM: String(hour), SMS_QUIET_TO: String((hour + 2) % 24) });
    const waiting = await seed({ channels: { email: false, sms: true, inApp: true } });
    await notify(waiting.matchId);
    const [n] = (
      await eventually(async () => {
        const page = await client.rpc.call<Page<NotificationView>>(Patterns.matching.candidateNotifications, {
          candidateId: waiting.candidateId,
          limit: 10,
          offset: 0,
        });
        return page.items.length ? page : undefined;
      })
    ).items;
    await asCandidate(waiting.candidateId, () =>
      client.rpc.call(Patterns.matching.replyToNotification, { id: n.id, answer: 'not-interested' }),
    );
    expect(await deliveriesOf(waiting.candidateId)).toEqual([
      expect.objectContaining({ status: 'skipped', heldReason: 'not-interested' }),
    ]);
  });

  it('gathers a digest reader’s matches into one e-mail', async () => {
    await start();
    const first = await seed({ digest: true }, 'Sveiser');
    const second = await seed({}, 'Platearbeider');
    await db.query(`update matching."match" set candidate_id = $1 where id = $2`, [
      first.candidateId,
      second.matchId,
    ]);
    await notify(first.matchId);
    await notify(second.matchId);
    const [digest] = await eventually(async () => {
      const d = await deliveriesOf(first.candidateId);
      return d.length === 1 && d[0].notificationIds.length === 2 ? d : undefined;
    });
    expect(digest).toMatchObject({ kind: 'digest', status: 'held', heldReason: 'digest' });
    // Digest time: let the delayed job go now instead of waiting for the evening.
    const job = await eventually(async () => notifications.getJob(`deliver.${digest.id}`));
    expect(await job.getState()).toBe('delayed');
    await job.promote();
    const [mail] = await eventually(() => mailsOf(first.candidateId));
    const text = mailPart(mail.raw, 'text/plain')!;
    expect(text).toContain('Sveiser');
    expect(text).toContain('Platearbeider');
    expect(mailsTo(first.candidateId)).toHaveLength(1);
  });

  it('sends once when the worker process is killed while sending: the next worker finishes it', async () => {
    const { candidateId, matchId } = await seed({ preferredLanguage: 'nb' });
    smtp.hold();
    const before = smtp.dataStarted;
    const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/apps/matching/src/main.js')], {
      env: {
        ...process.env,
        ...baseEnv(iso),
        ...env(),
        OUTBOX_POLL_MS: '100',
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    try {
      await notify(matchId);
      // The child is inside DATA, the server not answering: the attempt is recorded, the message not accepted.
      await eventually(() => Promise.resolve(smtp.dataStarted > before), { what: 'the child sending' });
      const [row] = (
        await db.query(`select status, attempts from matching.delivery where candidate_id = $1`, [
          candidateId,
        ])
      ).rows;
      expect(row).toEqual({ status: 'sending', attempts: 1 });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      await eventually(() => Promise.resolve(smtp.openSessions === 0), {
        what: 'the dead sender to hang up',
      });
      smtp.release();
      expect(mailsTo(candidateId)).toHaveLength(0);

      await start();
      const done = await eventually(
        async () => (await deliveriesOf(candidateId)).find((d) => d.status === 'sent'),
        { what: 'the e-mail sent by the next worker', timeoutMs: 30_000 },
      );
      expect(done.attempts).toBe(2);
      expect(mailsTo(candidateId)).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
