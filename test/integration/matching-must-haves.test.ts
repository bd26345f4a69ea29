import { randomUUID } from 'node:crypto';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import {
  Patterns,
  type Actor,
  type CandidateScoringFeatures,
  type MatchView,
  type OpeningRequirements,
  type Page,
} from '@brobygger/contracts';
import { requestContext, RpcData, type RpcCaller } from '@brobygger/platform';
import { DEFAULT_WEIGHTS, scoreMatch } from '@brobygger/scoring';
import { eventually, isolate, scoringCandidate, scoringOpening, type Isolation } from '@brobygger/testing';
import {
  FakeNotificationProfilesModule,
  notificationProfiles,
  startFakeService,
  testQueue,
} from './support/fakes';
import { rpcClient, startMatchingService } from './support/services';

/*
 * A candidate who meets none of an opening's must-haves (issue 14): scored and stored like anyone, but never
 * notified, listed after those who meet some whatever the scores, and left out of an employer's list unless
 * asked for. Real PostgreSQL, Redis and BullMQ; the employers and candidates services are played by fakes at
 * the RPC edge.
 */

/**
 * Skills resolved to taxonomy ids (the rule counts only must-haves the taxonomy resolved): an id per label.
 * The taxonomy is played by a fake that knows no neighbours, so nothing comes near.
 */
const SKILL_IDS = new Map<string, string>();
const resolved = <T extends { skillId: string | null; label: string }>(skills: T[]): T[] =>
  skills.map((s) => {
    if (!SKILL_IDS.has(s.label)) SKILL_IDS.set(s.label, `skill/${randomUUID()}`);
    return { ...s, skillId: SKILL_IDS.get(s.label)! };
  });
const openingOf = (mustHave: string[], niceToHave: string[] = []) => {
  const o = scoringOpening(mustHave, niceToHave);
  return { ...o, mustHave: resolved(o.mustHave), niceToHave: resolved(o.niceToHave) };
};
const candidateOf = (skills: string[]) => {
  const c = scoringCandidate(skills);
  return { ...c, skills: resolved(c.skills) };
};

/** Four must-haves, a nice-to-have and B1 Norwegian; a permanent job. */
const requirements = {
  ...openingOf(['welding', 'forklift driving', 'TIG welding', 'MIG welding'], ['first aid']),
  norwegianMin: 3,
};
/** Meets one must-have and nothing else: wants an internship, has no Norwegian recorded. */
const welder: CandidateScoringFeatures = {
  ...candidateOf(['welding']),
  wishedOpeningTypes: ['internship'],
};
/** Meets no must-have, but everything else: first aid, Norwegian B2, open to every type. */
const firstAider: CandidateScoringFeatures = {
  ...candidateOf(['first aid']),
  languages: [{ code: 'nb', spoken: 4, written: 4 }],
};
const scoreOf = (f: CandidateScoringFeatures) =>
  scoreMatch(f, requirements, { weights: DEFAULT_WEIGHTS, today: '2026-11-21' });

/** A second opening, where the first aider meets one of four must-haves: 22.5 + 10 for the type = 32.5. */
const otherRequirements = openingOf(['first aid', 'welding', 'TIG welding', 'MIG welding']);

const employerId = randomUUID();
const served = new Map<string, OpeningRequirements>();
@Controller()
class FakeOpeningRequirements {
  @MessagePattern(Patterns.employers.openingRequirements)
  opening(@RpcData() { id }: { id: string }) {
    return served.get(id) ?? null;
  }
}
@Module({ controllers: [FakeOpeningRequirements] })
class FakeEmployersModule {}

/** The taxonomy as matching asks it: no skill has neighbours here; names stay as stored. */
@Controller()
class FakeTaxonomy {
  @MessagePattern(Patterns.taxonomy.relatedSkills)
  related() {
    return [];
  }

  @MessagePattern(Patterns.taxonomy.skillNames)
  names() {
    return [];
  }
}
@Module({ controllers: [FakeTaxonomy] })
class FakeTaxonomyModule {}

describe('a candidate who meets none of the must-haves', () => {
  let iso: Isolation;
  let db: Client;
  let fakes: INestMicroservice[];
  let matching: INestMicroservice;
  let client: { rpc: RpcCaller; close: () => Promise<void> };
  let queues: Queue[];
  const [openingId, otherOpeningId, welderId, firstAiderId] = [1, 2, 3, 4].map(() => randomUUID());

  const as = <T>(actor: Actor, fn: () => Promise<T>) => requestContext.run({ requestId: 't', actor }, fn);
  const staff: Actor = { sub: 's', role: 'staff' };
  const employer: Actor = { sub: 'e', role: 'employer', employerId };
  const list = (actor: Actor, q: Record<string, unknown> = {}) =>
    as(actor, () =>
      client.rpc.call<Page<MatchView>>(Patterns.matching.openingMatches, {
        openingId,
        limit: 10,
        offset: 0,
        ...q,
      }),
    );
  const notified = async () =>
    (
      await db.query<{ candidate_id: string }>(
        `select candidate_id from matching.notification where opening_id = $1`,
        [openingId],
      )
    ).rows.map((r) => r.candidate_id);

  beforeAll(async () => {
    iso = await isolate();
    db = new Client({ connectionString: iso.databaseUrl });
    await db.connect();
    fakes = [
      await startFakeService(iso, 'employers', FakeEmployersModule),
      await startFakeService(iso, 'candidates', FakeNotificationProfilesModule),
      await startFakeService(iso, 'taxonomy', FakeTaxonomyModule),
    ];
    client = await rpcClient(iso);
    queues = [testQueue(iso, 'matching'), testQueue(iso, 'notifications')];
    await db.query(
      `insert into matching.candidate_features (candidate_id, version, matchable, notify_in_app, share_with_employers, features, updated_at)
       select id, 1, true, true, false, f, now() from unnest($1::uuid[], $2::jsonb[]) as x(id, f)`,
      [[welderId, firstAiderId], [welder, firstAider].map((f) => JSON.stringify(f))],
    );
    for (const id of [welderId, firstAiderId]) {
      notificationProfiles.set(id, {
        id,
        active: true,
        preferredLanguage: 'nb',
        channels: { email: false, sms: false, inApp: true },
        digest: false,
      });
    }
    for (const [id, r] of [
      [openingId, requirements],
      [otherOpeningId, otherRequirements],
    ] as const) {
      served.set(id, {
        openingId: id,
        employerId,
        version: 1,
        status: 'published',
        title: 'Sveiser',
        requirements: r,
        display: { title: 'Sveiser', type: 'permanent' },
      });
    }
    // The weights are recorded, so booting queues no rescoring of its own beside this test's job.
    await db.query(
      `insert into matching.scoring_state (key, value, updated_at) values ('weights', $1, now())`,
      [DEFAULT_WEIGHTS.version],
    );
    // Both are stored and both score above the notify threshold: only the rule can tell them apart.
    matching = await startMatchingService(iso, {
      MATCH_STORE_THRESHOLD: '10',
      MATCH_NOTIFY_THRESHOLD: '10',
    });
    for (const id of [openingId, otherOpeningId]) {
      await queues[0].add('opening.changed', { openingId: id, version: 1 }, { jobId: `ochg.${id}.1` });
    }
    await eventually(async () => ((await notified()).length ? true : undefined), {
      what: "the welder's notification",
    });
    await eventually(
      async () => {
        const { rows } = await db.query(`select 1 from matching."match" where opening_id = $1`, [
          otherOpeningId,
        ]);
        return rows.length === 2 ? true : undefined;
      },
      { what: 'the second opening scored' },
    );
  });
  afterAll(async () => {
    await matching?.close();
    await Promise.all((queues ?? []).map((q) => q.close()));
    await client?.close();
    await Promise.all((fakes ?? []).map((f) => f.close()));
    await db?.end();
  });

  it('scores higher than the welder on everything but the must-haves (exact numbers)', () => {
    // Shares: must-have 45, nice-to-have 10, language 15, opening type 5 of 75 → 60, 13.3, 20, 6.7.
    expect(scoreOf(welder).score).toBe(15); // 1 of 4 must-haves: 60 / 4
    expect(scoreOf(firstAider).score).toBe(40); // 13.3 + 20 + 6.7
    expect(scoreOf(firstAider).explanation.meetsNoMustHave).toBe(true);
    expect(scoreOf(welder).explanation.meetsNoMustHave).toBe(false);
  });

  it('is not notified, while the candidate meeting one must-have is', async () => {
    expect(await notified()).toEqual([welderId]);
    // No notify job was queued for them at all; and one queued anyway (an older job, a rescoring since)
    // is skipped by the notify job itself.
    const jobs = await queues[1].getJobs(['completed', 'waiting', 'active', 'delayed', 'failed']);
    expect(jobs.map((j) => j.id).filter((id) => id?.endsWith(openingId))).toEqual([
      `notify.${welderId}.${openingId}`,
    ]);
    const { rows } = await db.query<{ id: string }>(
      `select id from matching."match" where candidate_id = $1`,
      [firstAiderId],
    );
    const job = await queues[1].add('match.notify', { matchId: rows[0].id }, { jobId: 'notify.test.x' });
    await eventually(async () => ((await job.isCompleted()) ? true : undefined), { what: 'the job' });
    expect(await notified()).toEqual([welderId]);
  });

  it('is listed after the candidate meeting one must-have in staff lists, despite the higher score', async () => {
    const page = await list(staff);
    expect(page.items.map((m) => [m.candidateId, m.score, m.explanation.meetsNoMustHave])).toEqual([
      [welderId, 15, false],
      [firstAiderId, 40, true],
    ]);
    expect(page.total).toBe(2);
    // The explanation says why, in fields and for staff in words.
    expect(page.items[1].explanation.mustHave).toEqual({ met: 0, partial: 0, total: 4 });
    expect(page.items[1].explanation.parts[0].detail).toContain('meets no must-have');
  });

  it("comes last in the candidate's own list too: the opening meeting a must-have first, despite 32.5 < 40", async () => {
    expect(otherRequirements.mustHave).toHaveLength(4);
    const page = await as(staff, () =>
      client.rpc.call<Page<MatchView>>(Patterns.matching.candidateMatches, {
        candidateId: firstAiderId,
        limit: 10,
        offset: 0,
      }),
    );
    expect(page.items.map((m) => [m.openingId, m.score])).toEqual([
      [otherOpeningId, 32.5],
      [openingId, 40],
    ]);
  });

  it("is hidden from the employer's list unless asked for, and then listed last", async () => {
    const hidden = await list(employer);
    expect(hidden.total).toBe(1);
    expect(hidden.items.map((m) => m.score)).toEqual([15]);
    const shown = await list(employer, { includeNoMustHave: true });
    expect(shown.items.map((m) => m.score)).toEqual([15, 40]);
    // Staff may narrow their list the same way.
    expect((await list(staff, { includeNoMustHave: false })).total).toBe(1);
  });
});
