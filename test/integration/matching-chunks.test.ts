import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Patterns, type CandidateScoringFeatures, type OpeningRequirements } from '@brobygger/contracts';
import { DEFAULT_WEIGHTS, scoreMatch } from '@brobygger/scoring';
import { eventually, isolate, scoringCandidate, scoringOpening, type Isolation } from '@brobygger/testing';
import { startFakeService, testQueue } from './support/fakes';
import { baseEnv, startMatchingService } from './support/services';

const ROOT = join(__dirname, '..', '..');
const TOP_N = 7;

/** An opening that wants welding and likes forklift driving; every candidate welds, one in 40 drives forklifts. */
const requirements = scoringOpening(['welding'], ['forklift driving']);
const features = (i: number): CandidateScoringFeatures =>
  scoringCandidate(i % 40 === 0 ? ['welding', 'forklift driving'] : ['welding']);
const scoreOf = (f: CandidateScoringFeatures) =>
  scoreMatch(f, requirements, {
    weights: DEFAULT_WEIGHTS,
    proximity: { closeness: () => undefined },
    today: '2026-11-21',
  }).score;
// Forklift drivers score higher; the store threshold sits between the two groups.
const THRESHOLD = Math.floor((scoreOf(features(0)) + scoreOf(features(1))) / 2);

/** Plays the employers service's one answer matching asks for. */
let served: OpeningRequirements | null = null;
@Controller()
class FakeOpeningRequirements {
  @MessagePattern(Patterns.employers.openingRequirements)
  get() {
    return served;
  }
}
@Module({ controllers: [FakeOpeningRequirements] })
class FakeEmployersModule {}

describe('scoring an opening in chunks shared by worker processes', () => {
  let iso: Isolation;
  let db: Client;
  let queue: Queue;
  let employers: INestMicroservice;
  const env = {
    MATCH_STORE_THRESHOLD: String(THRESHOLD),
    MATCH_TOP_N: String(TOP_N),
    MATCHING_CHUNK_SIZE: '50',
    JOB_LOCK_MS: '1500',
  };

  const seed = async (n: number): Promise<{ openingId: string; candidates: string[] }> => {
    const openingId = randomUUID();
    await db.query(
      `insert into matching.opening_profile (opening_id, employer_id, version, status, title, requirements, display, updated_at)
       values ($1, $2, 1, 'published', 'Welder', $3, '{}', now())`,
      [openingId, randomUUID(), JSON.stringify(requirements)],
    );
    const candidates = Array.from({ length: n }, () => randomUUID());
    await db.query(
      `insert into matching.candidate_features (candidate_id, version, matchable, notify_in_app, share_with_employers, features, updated_at)
       select id, 1, true, false, false, f, now() from unnest($1::uuid[], $2::jsonb[]) as x(id, f)`,
      [candidates, candidates.map((_, i) => JSON.stringify(features(i)))],
    );
    served = {
      openingId,
      employerId: randomUUID(),
      version: 1,
      status: 'published',
      title: 'Welder',
      requirements,
      display: { title: 'Welder', type: 'permanent' },
    };
    return { openingId, candidates };
  };
  /** Who should be stored: everyone at or above the threshold, and the best TOP_N of the rest. */
  const expected = (candidates: string[], skip = new Set<string>()): string[] => {
    const scored = candidates
      .map((id, i) => ({ id, score: scoreOf(features(i)) }))
      .filter((s) => !skip.has(s.id));
    const above = scored.filter((s) => s.score >= THRESHOLD);
    const below = scored
      .filter((s) => s.score < THRESHOLD && s.score > 0)
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    const all = [...above, ...below].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    const keep = new Set([...above.map((s) => s.id), ...all.slice(0, TOP_N).map((s) => s.id)]);
    return [...keep].sort();
  };
  const stored = async (openingId: string) =>
    (
      await db.query<{ candidate_id: string }>(
        `select candidate_id from matching."match" where opening_id = $1 order by candidate_id`,
        [openingId],
      )
    ).rows.map((r) => r.candidate_id);

  beforeAll(async () => {
    iso = await isolate();
    db = new Client({ connectionString: iso.databaseUrl });
    await db.connect();
    queue = testQueue(iso, 'matching');
    employers = await startFakeService(iso, 'employers', FakeEmployersModule);
  });
  afterAll(async () => {
    await employers?.close();
    await queue?.close();
    await db?.end();
  });
  afterEach(async () => {
    await queue.obliterate({ force: true });
    await db.query(`truncate matching."match", matching.candidate_features, matching.opening_profile`);
  });

  it('fans a published opening out into chunk jobs shared by two workers, keeping those above the threshold and the best N overall', async () => {
    expect(scoreOf(features(0))).toBeGreaterThan(THRESHOLD);
    expect(scoreOf(features(1))).toBeGreaterThan(0);
    const { openingId, candidates } = await seed(230);
    // The weights are recorded, so booting queues no rescoring of its own beside this test's job.
    await db.query(
      `insert into matching.scoring_state (key, value, updated_at) values ('weights', $1, now())
       on conflict (key) do update set value = excluded.value`,
      [DEFAULT_WEIGHTS.version],
    );
    // Two services, two BullMQ workers on the same queue: the chunks go to whichever is free.
    const apps = [await startMatchingService(iso, env), await startMatchingService(iso, env)];
    try {
      await queue.add('opening.changed', { openingId, version: 1 }, { jobId: `ochg.${openingId}.1` });
      const chunks = await eventually(
        async () => {
          // (Booting also rescores every published opening once, as the weights were never recorded here.)
          const jobs = (await queue.getJobs(['completed'])).filter((j) =>
            j.id?.startsWith(`chunk.ochg.${openingId}.1.`),
          );
          return jobs.length === 5 ? jobs : undefined;
        },
        { what: 'five completed chunk jobs (230 candidates in chunks of 50)' },
      );
      // Together the chunks cover every candidate once: open below, open above, no gaps.
      const ranges = chunks
        .map((j) => j.data as { from?: string; to?: string })
        .sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
      expect(ranges[0].from).toBeUndefined();
      expect(ranges[4].to).toBeUndefined();
      for (let i = 1; i < 5; i++) expect(ranges[i].from).toBe(ranges[i - 1].to);
      expect(await stored(openingId)).toEqual(expected(candidates));
      // Six forklift drivers (0, 40, …, 200) pass the threshold; the best of the rest tops them up to TOP_N.
      expect((await stored(openingId)).length).toBe(TOP_N);
    } finally {
      await Promise.all(apps.map((a) => a.close()));
    }
  });

  it('redoes a chunk whose worker process was killed midway, leaving nothing half-written', async () => {
    const { openingId, candidates } = await seed(120);
    // Hold the match table so the child's chunk transaction blocks on its first write, inside the transaction.
    const blocker = new Client({ connectionString: iso.databaseUrl });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query(`lock table matching."match" in exclusive mode`);
    let child: ChildProcess | undefined;
    let app: INestMicroservice | undefined;
    try {
      child = spawn(process.execPath, [join(ROOT, 'dist/apps/matching/src/main.js')], {
        env: {
          ...process.env,
          ...baseEnv(iso),
          ...env,
          LOG_LEVEL: 'silent',
        },
        stdio: 'ignore',
      });
      const job = await queue.add(
        'opening.score-chunk',
        { openingId, version: 1 },
        { jobId: `chunk.test.${openingId}`, attempts: 5 },
      );
      const waiting = await eventually(
        async () =>
          (
            await db.query<{ pid: number }>(
              `select pid from pg_stat_activity where wait_event_type = 'Lock' and query ~ 'matching\\."match"'`,
            )
          ).rows[0]?.pid,
        { what: "the child's chunk write waiting inside its transaction", timeoutMs: 30_000 },
      );
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      await blocker.query('rollback');
      // The dead worker's transaction never committed: not one row of its chunk.
      await eventually(
        async () =>
          (await db.query('select 1 from pg_stat_activity where pid = $1', [waiting])).rowCount === 0,
        { what: "the dead worker's connection to close" },
      );
      expect(await stored(openingId)).toEqual([]);

      // Another worker takes the job over once the dead one's lock lapses, and does the whole chunk.
      app = await startMatchingService(iso, env);
      await eventually(async () => (await job.isCompleted()) || undefined, {
        what: 'the chunk to be redone',
        timeoutMs: 30_000,
      });
      expect(await stored(openingId)).toEqual(expected(candidates));
      const done = await queue.getJob(job.id!);
      expect(done?.stalledCounter).toBe(1);
    } finally {
      child?.kill('SIGKILL');
      await blocker.end();
      await app?.close();
    }
  });

  it('fails a chunk with a malformed feature row for good, naming it, and still stores the rest', async () => {
    const { openingId, candidates } = await seed(20);
    const broken = candidates[3];
    await db.query(
      `update matching.candidate_features set features = '{"skills": 5}' where candidate_id = $1`,
      [broken],
    );
    const app = await startMatchingService(iso, env);
    try {
      const job = await queue.add(
        'opening.score-chunk',
        { openingId, version: 1 },
        { jobId: `chunk.bad.${openingId}`, attempts: 5 },
      );
      await eventually(async () => (await job.isFailed()) || undefined, { what: 'the chunk to fail' });
      const failed = await queue.getJob(job.id!);
      expect(failed?.failedReason).toContain(`candidate ${broken}`);
      // No retry can mend the data: failed at the first attempt, not after five.
      expect(failed?.attemptsMade).toBe(1);
      expect(await stored(openingId)).toEqual(expected(candidates, new Set([broken])));
    } finally {
      await app.close();
    }
  });
});
