import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import type { OpeningStatus } from '@brobygger/contracts';
import {
  CandidateFeatures,
  Delivery,
  Match,
  Notification,
  OpeningProfile,
} from '../../apps/matching/src/entities';
import { MatchRepository, type ScoredPair } from '../../apps/matching/src/match.repository';
import { matchingOrmConfig } from '../../apps/matching/src/mikro-orm.config';
import { emptyExplanation } from '@brobygger/scoring';
import { isolate, scoringCandidate, scoringOpening } from '@brobygger/testing';

/** Matching's writes against real PostgreSQL: idempotent, and a stale job never overwrites newer data. */
describe('MatchRepository', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await MikroORM.init(matchingOrmConfig((await isolate()).databaseUrl));
  });
  afterAll(() => orm?.close());
  const repo = () => new MatchRepository(orm.em.fork());

  const features = (candidateId: string, version: number, matchable = true, label = 'cooking') =>
    repo().upsertCandidateFeatures({
      candidateId,
      version,
      matchable,
      notifyInApp: true,
      shareWithEmployers: false,
      features: scoringCandidate([label]),
    });
  const opening = (openingId: string, version: number, status: OpeningStatus = 'published') =>
    repo().upsertOpeningProfile({
      openingId,
      employerId: randomUUID(),
      version,
      status,
      title: 'Cook',
      display: { title: 'Cook', type: 'permanent' },
      requirements: scoringOpening(['cooking']),
    });
  const pair = (openingId: string, candidateId: string, o: Partial<ScoredPair> = {}): ScoredPair => ({
    openingId,
    candidateId,
    openingVersion: 1,
    candidateVersion: 1,
    weightsVersion: 'w1',
    score: 50,
    explanation: emptyExplanation({ weightsVersion: 'w3' }),
    ...o,
  });
  const scores = async (openingId: string) =>
    (await orm.em.fork().find(Match, { openingId })).map((m) => [m.score, m.candidateVersion]);

  it('keeps the newer candidate features when an older version arrives late', async () => {
    const c = randomUUID();
    expect(await features(c, 2, true, 'new')).toBe(true);
    expect(await features(c, 2, true, 'new')).toBe(true); // a retry of the same version
    expect(await features(c, 1, true, 'old')).toBe(false);
    const row = await orm.em.fork().findOneOrFail(CandidateFeatures, { candidateId: c });
    expect(row.features.skills).toEqual([{ skillId: null, label: 'new' }]);
  });

  it('upserts one row per opening and candidate, and a stale rescoring writes nothing', async () => {
    const [o, c] = [randomUUID(), randomUUID()];
    await opening(o, 1);
    await features(c, 1);
    const [first] = await repo().upsertMatches([pair(o, c, { score: 40 })]);
    await features(c, 2);
    const [second] = await repo().upsertMatches([pair(o, c, { score: 60, candidateVersion: 2 })]);
    expect(second.id).toBe(first.id);
    // A job that scored version 1 finishes late.
    expect(await repo().upsertMatches([pair(o, c, { score: 10, candidateVersion: 1 })])).toEqual([]);
    expect(await scores(o)).toEqual([[60, 2]]);
  });

  it('writes no match for a candidate who stopped being matchable or an opening no longer published', async () => {
    const [o, closed, c] = [randomUUID(), randomUUID(), randomUUID()];
    await opening(o, 1);
    await opening(closed, 2, 'closed');
    await features(c, 2, false);
    expect(await repo().upsertMatches([pair(o, c, { candidateVersion: 2 })])).toEqual([]);
    await features(c, 3, true);
    expect(await repo().upsertMatches([pair(closed, c, { candidateVersion: 3, openingVersion: 2 })])).toEqual(
      [],
    );
    expect(await repo().upsertMatches([pair(o, c, { candidateVersion: 3 })])).toHaveLength(1);
  });

  it('removes a match a rescoring dropped below the threshold, but not a newer one', async () => {
    const [o, c] = [randomUUID(), randomUUID()];
    await opening(o, 1);
    await features(c, 2);
    await repo().upsertMatches([pair(o, c, { candidateVersion: 2 })]);
    await repo().removeMatches([pair(o, c, { candidateVersion: 1 })]);
    expect(await scores(o)).toEqual([[50, 2]]);
    await repo().removeMatches([pair(o, c, { candidateVersion: 2 })]);
    expect(await scores(o)).toEqual([]);
  });

  it("writes raw SQL inside the caller's transaction: a rollback leaves nothing", async () => {
    // em.getConnection().execute() runs on the pool, outside the transaction; em.execute() joins it.
    const o = randomUUID();
    await expect(
      orm.em.fork().transactional(async (tx) => {
        const r = new MatchRepository(tx);
        await r.lockOpenings([o]);
        await r.upsertOpeningProfile({
          openingId: o,
          employerId: randomUUID(),
          version: 1,
          status: 'published',
          title: 'Cook',
          display: { title: 'Cook', type: 'permanent' },
          requirements: scoringOpening(['cooking']),
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await orm.em.fork().count(OpeningProfile, { openingId: o })).toBe(0);
  });

  it('keeps a match the candidate was told about when a rescoring or a pause would remove it', async () => {
    const [o, c] = [randomUUID(), randomUUID()];
    await opening(o, 1);
    await features(c, 1);
    const [m] = await repo().upsertMatches([pair(o, c)]);
    const em = orm.em.fork();
    em.create(Notification, {
      candidateId: c,
      openingId: o,
      matchId: m.id,
      kind: 'match',
      inApp: true,
      lang: 'nb',
      score: 50,
      openingTitle: 'x',
      createdAt: new Date(),
    });
    await em.flush();
    await repo().removeMatches([pair(o, c)]);
    await repo().removeMatchesOf(c);
    // Same row, same id: the notification's reply links still point at it.
    expect((await orm.em.fork().find(Match, { candidateId: c })).map((x) => x.id)).toEqual([m.id]);
  });

  it('erasure removes the candidate from every matching table', async () => {
    const [o, c] = [randomUUID(), randomUUID()];
    await opening(o, 1);
    await features(c, 1);
    const [m] = await repo().upsertMatches([pair(o, c)]);
    const em0 = orm.em.fork();
    const n = em0.create(Notification, {
      candidateId: c,
      openingId: o,
      matchId: m.id,
      kind: 'match',
      inApp: true,
      lang: 'nb',
      score: 50,
      openingTitle: 'x',
      createdAt: new Date(),
    });
    const pending = em0.create(Delivery, {
      candidateId: c,
      channel: 'email',
      kind: 'single',
      dedupeKey: `${n.id}/email`,
      notificationIds: [n.id],
      status: 'held',
      sendAfter: new Date(),
      attempts: 0,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em0.flush();
    // The pending delivery's id comes back, so its job can be removed from the queue too.
    expect(await repo().eraseCandidate(c)).toEqual([pending.id]);
    const em = orm.em.fork();
    expect(await em.count(Match, { candidateId: c })).toBe(0);
    expect(await em.count(Notification, { candidateId: c })).toBe(0);
    expect(await em.count(Delivery, { candidateId: c })).toBe(0);
    expect(await em.count(CandidateFeatures, { candidateId: c })).toBe(0);
  });
});
