import { MikroORM } from '@mikro-orm/postgresql';
import { CandidateFeatures, Match, Notification } from '../../apps/matching/src/entities';
import { MatchRepository, type ScoredPair } from '../../apps/matching/src/match.repository';
import { matchingOrmConfig } from '../../apps/matching/src/mikro-orm.config';
import { isolate } from '@brobygger/testing';

const O = '00000000-0000-4000-8000-00000000000a';
const C = '00000000-0000-4000-8000-00000000000c';

function pair(overrides: Partial<ScoredPair>): ScoredPair {
  return {
    openingId: O,
    candidateId: C,
    openingVersion: 1,
    candidateVersion: 1,
    notifyInApp: true,
    weightsVersion: 'w1',
    score: 50,
    explanation: { parts: [], matchedSkills: [], missingMustHaves: [] },
    ...overrides,
  };
}

/** Matching's writes against real PostgreSQL: idempotent, and a stale job never overwrites newer data. */
describe('MatchRepository', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await MikroORM.init(matchingOrmConfig((await isolate()).databaseUrl));
  });
  afterAll(() => orm?.close());
  const repo = () => new MatchRepository(orm.em.fork());

  it('keeps the newer candidate features when an older version arrives late', async () => {
    const f = (version: number, label: string) => ({
      candidateId: C,
      version,
      matchable: true,
      notifyInApp: true,
      skills: [{ label }],
    });
    expect(await repo().upsertCandidateFeatures(f(2, 'new'))).toMatchObject({ version: 2 });
    expect(await repo().upsertCandidateFeatures(f(1, 'old'))).toBeNull();
    const row = await orm.em.fork().findOneOrFail(CandidateFeatures, { candidateId: C });
    expect(row.skills).toEqual([{ label: 'new' }]);
  });

  it('upserts one row per opening and candidate, and ignores a stale rescoring', async () => {
    const [first] = await repo().upsertMatches([pair({ score: 40 })]);
    const [second] = await repo().upsertMatches([pair({ score: 60, candidateVersion: 2 })]);
    expect(second.id).toBe(first.id);
    expect(await repo().upsertMatches([pair({ score: 10, candidateVersion: 1 })])).toEqual([]);
    const rows = await orm.em.fork().find(Match, { openingId: O });
    expect(rows.map((r) => [r.score, r.candidateVersion])).toEqual([[60, 2]]);
  });

  it('inserts at most one notification per candidate and opening', async () => {
    const n = { candidateId: C, openingId: O, matchId: C, score: 80, openingTitle: 'Cook' };
    await repo().insertNotificationOnce(n);
    await repo().insertNotificationOnce({ ...n, score: 90 });
    const rows = await orm.em.fork().find(Notification, { candidateId: C });
    expect(rows.map((r) => r.score)).toEqual([80]);
  });

  it('erasure removes the candidate from every matching table', async () => {
    await repo().eraseCandidate(C);
    const em = orm.em.fork();
    expect(await em.count(Match, { candidateId: C })).toBe(0);
    expect(await em.count(Notification, { candidateId: C })).toBe(0);
    expect(await em.count(CandidateFeatures, { candidateId: C })).toBe(0);
  });
});
