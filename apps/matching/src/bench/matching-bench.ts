/*
 * The matching benchmark (`npm run bench:matching`; scripts/bench-matching.ts builds, migrates, starts the
 * worker processes this asks for, and runs this from dist/). N synthetic candidates with real ESCO skill mixes
 * (bench-world.ts) are written to matching's read model, one published opening beside them, and three ratios
 * are measured in this one run, so the machine's speed and whatever else it is doing cancel out as far as
 * they can:
 *
 *   scoring     pairs/s of scoreMatch over every matchable candidate × the opening (in this process, no I/O)
 *               ÷ pairs/s of a bare bitset loop over the same candidates: skills as bits over the skill ids
 *               in play, ANDed with the must-have bits, popcounted (skill-bitsets.ts). Shown twice: ANDing
 *               every word of the bitsets, and only the words the opening has bits in.
 *   pipeline    time from enqueueing `opening.changed` (what publishing an opening queues) until the last
 *               `opening.score-chunk` job has completed, by which time every match is stored and every
 *               `match.notify` job queued (the chunk queues them before it completes)
 *               ÷ the sum of its raw parts, timed in this process right after each pipeline run: one
 *               SELECT of the matchable feature rows; scoring them and choosing what is stored, as the
 *               service does (bench-scoring.ts); MatchRepository.upsertMatches (the service's own statement)
 *               in batches of MATCHING_CHUNK_SIZE pairs; BullMQ addBulk of the notify jobs, in batches as
 *               large, to a scratch queue. The ratio (the median of each run's own) is the pipeline's
 *               overhead factor: above 1 its chunking, transactions, trims and queue round trips cost more
 *               than its parallelism gains; below 1 the other way round.
 *   processes   the pipeline's pairs/s with BENCH_WORKERS worker processes (default 3) ÷ with one. The two
 *               phases run minutes apart, so load from elsewhere may differ between them; the same ratio
 *               with each phase in units of its own raw parts is printed beside it.
 *
 * Each phase (1 process, then BENCH_WORKERS) starts with a warm-up run that is checked but not counted, then
 * BENCH_RUNS pipeline runs, each followed by its raw run; figures are medians over those runs.
 *
 * The workers are the real matching service (dist/apps/matching/src/main.js), MATCHING_CONCURRENCY jobs
 * each. They ask two other services per job over Redis: the employers service for the opening and the
 * taxonomy service for its skills' neighbours. This process answers both (bench-rpc.ts) from the same data,
 * the neighbours computed from data/taxonomy as the taxonomy import computes them, so near misses count as in
 * production and only those services' own database reads are left out. Starting all five apps instead would
 * add a gateway and two idle services to the two cores and measure nothing more about matching.
 *
 * The notifications queue is paused while the pipeline runs: the matching processes also consume
 * `match.notify`, and delivering notifications is downstream of "queued" (the raw baseline does not deliver
 * either). Every run starts from no stored matches, no notifications and empty queues; each run's stored
 * matches and queued notifications are checked against what scoring all candidates in this process says they
 * must be, so a fast but wrong pipeline fails instead of winning.
 *
 * Times are supporting detail only; the ratios are the result.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MikroORM } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { jobId, RETRY_POLICY, type GeoPoint, type SkillNeighbour } from '@brobygger/contracts';
import { gazetteer } from '@brobygger/geo';
import {
  bullPrefix,
  createLogger,
  env,
  JobQueues,
  loadConfig,
  osloToday,
  redisOptions,
  type ConfigOf,
} from '@brobygger/platform';
import { scoreMatch } from '@brobygger/scoring';
import { computeNeighbours, seededRandom } from '@brobygger/taxonomy';
// Bench tooling, never part of the matching service: the release reader belongs to the taxonomy app (the
// benchmark reads the same files the taxonomy import does), and the report helpers are the search
// benchmark's.
import { shippedData } from '../../../taxonomy/src/data-dir';
import { readTaxonomy } from '../../../taxonomy/src/import/taxonomy-source';
import { fmt, fmtRatio, now, ratio, table, type TableRow } from '../../../candidates/src/bench/bench-report';
import { pick } from '../../../candidates/src/bench/synthetic';
import { matchingEnv } from '../config';
import { worldTaxonomy } from '../eval/synthetic-world';
import { MatchRepository, type ScoredPair } from '../match.repository';
import { matchingOrmConfig } from '../mikro-orm.config';
import { MATCHING_SCHEMA as S } from '../schema';
import { loadWeights } from '../weights';
import { answerForOtherServices } from './bench-rpc';
import {
  notifiedPairs,
  proximityOf,
  scorePair,
  storedPairs,
  type FeatureRow,
  type PairScoring,
} from './bench-scoring';
import { candidateDrawer, drawOpening } from './bench-world';
import {
  overlapAllWords,
  overlapMaskWords,
  packBitsets,
  skillIndex,
  type PackedBitsets,
} from './skill-bitsets';

const benchEnv = {
  ...matchingEnv,
  BENCH_N: env.int({ default: 100_000, min: 100, max: 1_000_000, describe: 'synthetic candidates' }),
  BENCH_SEED: env.int({
    default: 7,
    min: 0,
    max: 2_147_483_647,
    describe: 'seed of the opening and the candidates',
  }),
  BENCH_RUNS: env.int({
    default: 2,
    min: 1,
    max: 10,
    describe: 'pipeline runs per worker count, each followed by a raw run',
  }),
  BENCH_WORKERS: env.int({
    default: 3,
    min: 2,
    max: 16,
    describe: 'worker processes of the second measurement (the first has one)',
  }),
  BENCH_OUT_DIR: env.string({ describe: 'folder for the JSON result' }),
};
type BenchConfig = ConfigOf<typeof benchEnv>;

/**
 * Over the IPC channel: the benchmark asks for `count` matching processes in all; the parent
 * (scripts/bench-matching.ts) starts the missing ones and answers with the count it now runs.
 */
export interface WorkersMessage {
  kind: 'workers';
  count: number;
}

/** Candidates per INSERT while loading the read model (setup, not timed). */
const LOAD_BATCH = 5_000;
/** Where openings are: a city's main town. */
const CITIES = ['Oslo', 'Bergen', 'Trondheim', 'Stavanger', 'Kristiansand'];
/** Scorer passes over all pairs (median taken); popcount loops repeat for at least this long per pass. */
const SCORER_PASSES = 3;
const POPCOUNT_PASS_MS = 300;
/** How often the pipeline's progress is read, and how long without progress means it is stuck. */
const POLL_MS = 50;
const STALL_MS = 5 * 60_000;
/** The raw baseline's notify jobs go here, under the benchmark's prefix: no worker reads it. */
const RAW_NOTIFY_QUEUE = 'bench-raw-notify';

const log = (line: string) => process.stderr.write(`[matching-bench] ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** The middle value, or the mean of the two middle ones (of two runs: their mean, not the faster). */
function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Ctx {
  config: BenchConfig;
  db: Client;
  orm: MikroORM;
  jobs: JobQueues;
  matching: Queue;
  notifications: Queue;
  rawNotify: Queue;
}

interface World {
  scoring: PairScoring;
  candidates: number;
  matchable: number;
  chunks: number;
  neighbourRows: number;
  /** What the pipeline must leave behind, from scoring every candidate in this process. */
  expected: { stored: number; notified: number };
}

async function main(): Promise<void> {
  const config = loadConfig(benchEnv, process.env);
  if (!process.send) throw new Error('run this through `npm run bench:matching`, which starts the workers');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const db = new Client({ connectionString: config.DATABASE_URL });
  await db.connect();
  const orm = await MikroORM.init(matchingOrmConfig(config.DATABASE_URL));
  const queue = (name: string) =>
    new Queue(name, { connection: redisOptions(config.REDIS_URL), prefix: bullPrefix(config.REDIS_PREFIX) });
  const ctx: Ctx = {
    config,
    db,
    orm,
    jobs: JobQueues.fromUrl(config.REDIS_URL, config.REDIS_PREFIX),
    matching: queue('matching'),
    notifications: queue('notifications'),
    rawNotify: queue(RAW_NOTIFY_QUEUE),
  };
  const logger = createLogger('matching-bench', 'warn');
  let answers: Awaited<ReturnType<typeof answerForOtherServices>> | undefined;
  try {
    const started = now();
    const { world, neighbours } = await setUp(ctx);
    answers = await answerForOtherServices({ opening: world.scoring.opening, neighbours }, config, logger);
    const result = await run(ctx, world, stamp, started);
    mkdirSync(config.BENCH_OUT_DIR, { recursive: true });
    const file = join(config.BENCH_OUT_DIR, `matching-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`\n${result.table}\n\nwritten to ${file}\n`);
  } finally {
    await answers?.close();
    await Promise.all([ctx.matching, ctx.notifications, ctx.rawNotify].map((q) => q.close()));
    await ctx.jobs.close();
    await orm.close(true);
    await db.end();
  }
}

// --- the data ------------------------------------------------------------------------------------------

/** Every postcode's point. */
function postcodePoints(): GeoPoint[] {
  return gazetteer()
    .postcodes()
    .map(({ lat, lng }) => ({ lat, lng }));
}

/**
 * Draws the opening and the candidates, writes them to matching's read model (one published opening, N
 * feature rows), records the weights version so the workers do not queue a rescoring of everything when
 * they boot, and scores every pair once to know what the pipeline must store. Not timed.
 */
async function setUp(ctx: Ctx): Promise<{ world: World; neighbours: Map<string, SkillNeighbour[]> }> {
  const { config, db } = ctx;
  const t0 = now();
  const data = readTaxonomy(shippedData('taxonomy'));
  const taxonomy = worldTaxonomy(data);
  const titles = new Map(data.occupations.map((o) => [o.id, o.preferredLabel]));
  const rnd = seededRandom(config.BENCH_SEED);
  const city = gazetteer().municipality(pick(rnd, CITIES))!;
  const today = osloToday();
  const opening = drawOpening(taxonomy, rnd, {
    today,
    workplace: { name: city.name, lat: city.lat, lng: city.lng },
    titleOf: (id) => titles.get(id) ?? id,
  });

  // The taxonomy service's rows for the opening's skills, computed as its import computes them.
  const skillIds = new Set(data.skills.map((s) => s.id));
  const asked = new Set(
    [...opening.requirements.mustHave, ...opening.requirements.niceToHave].flatMap((r) =>
      r.skillId ? [r.skillId] : [],
    ),
  );
  const neighbours = new Map<string, SkillNeighbour[]>();
  let neighbourRows = 0;
  for (const n of computeNeighbours(
    [
      ...data.skillBroader.map((b) => ({ from: b.conceptId, to: b.broaderId, kind: 'broader' as const })),
      ...data.skillRelations.map((r) => ({ from: r.skillId, to: r.relatedSkillId, kind: r.relation })),
    ],
    data.occupationSkills,
    { isSkill: (id) => skillIds.has(id) },
  )) {
    if (!asked.has(n.skillId)) continue;
    const rows = neighbours.get(n.skillId);
    if (rows) rows.push(n);
    else neighbours.set(n.skillId, [n]);
    neighbourRows++;
  }
  log(`taxonomy read, skill neighbours computed (${seconds(now() - t0)})`);

  // Through the service's own statement, as its opening job would write it.
  await new MatchRepository(ctx.orm.em.fork()).upsertOpeningProfile(opening);
  const weights = loadWeights(config.MATCHING_WEIGHTS_FILE);
  await db.query(
    `insert into ${S}.scoring_state (key, value, updated_at) values ('weights', $1, now())
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [weights.version],
  );
  const drawer = candidateDrawer(taxonomy, opening.requirements.occupationId!, rnd, {
    today,
    places: postcodePoints(),
  });
  let matchable = 0;
  for (let done = 0; done < config.BENCH_N;) {
    const batch = Array.from({ length: Math.min(LOAD_BATCH, config.BENCH_N - done) }, () => drawer.next());
    await db.query(
      `insert into ${S}.candidate_features (candidate_id, version, matchable, notify_in_app,
         share_with_employers, features, updated_at)
       select id, v, m, n, s, f, now()
       from unnest($1::uuid[], $2::int[], $3::bool[], $4::bool[], $5::bool[], $6::jsonb[]) as x(id, v, m, n, s, f)`,
      [
        batch.map((c) => c.candidateId),
        batch.map((c) => c.version),
        batch.map((c) => c.matchable),
        batch.map((c) => c.notifyInApp),
        batch.map((c) => c.shareWithEmployers),
        batch.map((c) => JSON.stringify(c.features)),
      ],
    );
    matchable += batch.filter((c) => c.matchable).length;
    done += batch.length;
  }
  // As autovacuum would have done long before anyone publishes: statistics and the visibility map.
  await db.query(`vacuum analyze ${S}.candidate_features`);
  log(`${config.BENCH_N} candidates written (${seconds(now() - t0)})`);

  const scoring: PairScoring = {
    opening,
    proximity: proximityOf([...asked].flatMap((id) => neighbours.get(id) ?? [])),
    weights,
    today,
  };
  const rows = await readFeatureRows(db);
  const stored = storedPairs(
    rows.map((r) => scorePair(scoring, r)),
    config.MATCH_STORE_THRESHOLD,
    config.MATCH_TOP_N,
  );
  const chunkSize = config.MATCHING_CHUNK_SIZE;
  return {
    world: {
      scoring,
      candidates: config.BENCH_N,
      matchable,
      // One chunk per MATCHING_CHUNK_SIZE matchable candidates, and one when there are fewer.
      chunks: Math.max(1, Math.ceil(matchable / chunkSize)),
      neighbourRows,
      expected: {
        stored: stored.length,
        notified: notifiedPairs(stored, config.MATCH_NOTIFY_THRESHOLD).length,
      },
    },
    neighbours,
  };
}

/** The matchable feature rows in one statement: the first raw part. */
async function readFeatureRows(db: Client): Promise<FeatureRow[]> {
  const { rows } = await db.query<FeatureRow>(
    `select candidate_id, version, notify_in_app, features from ${S}.candidate_features where matchable`,
  );
  return rows;
}

// --- the run ---------------------------------------------------------------------------------------------

async function run(ctx: Ctx, world: World, stamp: string, started: number) {
  const { config } = ctx;
  const { opening } = world.scoring;
  log(
    `opening "${opening.title}": ${opening.requirements.mustHave.length} must-haves, ` +
      `${opening.requirements.niceToHave.length} nice-to-haves; ${world.matchable} of ${world.candidates} ` +
      `candidates matchable; ${world.expected.stored} matches to store, ${world.expected.notified} to notify`,
  );

  log('scoring in this process: scoreMatch and the bitset loops over the same rows…');
  const scorer = measureScorer(await readFeatureRows(ctx.db), world.scoring);

  const phases: Phase[] = [];
  let perProcess = 0;
  for (const workers of [1, config.BENCH_WORKERS]) {
    perProcess = await ensureWorkers(ctx, workers, perProcess);
    // Processes that just booted are slower at first (JIT, pools, metadata); a published opening meets warm
    // ones in production. The warm-up run is checked like the others but not counted.
    log(`${workers} worker process(es), warm-up run…`);
    const warmUp = await pipelineRun(ctx, world, jobId('ochg', opening.openingId, 'bench', workers, 'warm'));
    log(`  ${seconds(warmUp.ms)}`);
    const phase: Phase = { workers, warmUpMs: warmUp.ms, pipeline: [], raw: [] };
    for (let i = 0; i < config.BENCH_RUNS; i++) {
      log(`${workers} worker process(es), run ${i + 1} of ${config.BENCH_RUNS}: pipeline…`);
      phase.pipeline.push(
        await pipelineRun(ctx, world, jobId('ochg', opening.openingId, 'bench', workers, i)),
      );
      log(`  ${seconds(phase.pipeline[i].ms)}; raw parts…`);
      phase.raw.push(await rawRun(ctx, world));
      log(`  ${seconds(phase.raw[i].sumMs)}`);
    }
    phases.push(phase);
  }
  await clearOutcome(ctx);
  return report(ctx, world, scorer, phases, stamp, started);
}

/**
 * Asks the parent for `count` matching processes and waits until each has its BullMQ workers registered in
 * Redis (after its boot, so its first job is not slowed by it). `perProcess` is how many worker connections
 * one process registers, learnt from the first call.
 */
async function ensureWorkers(ctx: Ctx, count: number, perProcess: number): Promise<number> {
  const answered = new Promise<void>((resolve) => {
    const onMessage = (m: WorkersMessage) => {
      if (m?.kind !== 'workers' || m.count < count) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
  });
  process.send!({ kind: 'workers', count } satisfies WorkersMessage);
  await answered;
  const until = Date.now() + 120_000;
  let last = -1;
  let heldFor = 0;
  while (Date.now() < until) {
    const registered = await ctx.matching.getWorkersCount();
    if (perProcess && registered >= count * perProcess) return perProcess;
    // The first process registers its connections at once: its count, once it has held for a second.
    heldFor = registered > 0 && registered === last ? heldFor + 1 : 0;
    if (!perProcess && heldFor >= 4) return registered;
    last = registered;
    await sleep(250);
  }
  throw new Error(`${count} matching process(es) did not register their workers within 120 s`);
}

// --- scoring in-process -----------------------------------------------------------------------------------

interface ScorerResult {
  pairs: number;
  skillsInPlay: number;
  words: number;
  maskWords: number;
  scorerMs: number[];
  allWordsMs: number[];
  maskWordsMs: number[];
  /** Must-haves held, summed over all pairs, by scoreMatch and by the bitset loops: they must agree. */
  mustHavesHeld: number;
}

/**
 * scoreMatch over all rows, SCORER_PASSES times, each pass followed by the two bitset loops over the same
 * rows, repeated for POPCOUNT_PASS_MS each; all after a warm-up, so every loop runs optimised code. The
 * scorer's loop keeps one number of each result (the must-haves held), which the bitset loops must match.
 */
function measureScorer(rows: FeatureRow[], s: PairScoring): ScorerResult {
  const req = s.opening.requirements;
  const must = req.mustHave.map((r) => r.skillId);
  const opts = { weights: s.weights, proximity: s.proximity, today: s.today };
  const scorerPass = (over: readonly FeatureRow[]) => {
    let held = 0;
    for (const c of over)
      held += must.length - scoreMatch(c.features, req, opts).explanation.missingMustHaves.length;
    return held;
  };
  const skillLists = rows.map((r) => r.features.skills.map((k) => k.skillId));
  const index = skillIndex([...skillLists, must]);
  const packed: PackedBitsets = packBitsets(index, skillLists);
  const mask = packBitsets(index, [must]).bits;
  const out = new Uint16Array(rows.length);
  const repeat = (loop: typeof overlapAllWords, times: number[]) => {
    const until = now() + POPCOUNT_PASS_MS;
    let held: number;
    do {
      const t = now();
      held = loop(packed, mask, out);
      times.push(now() - t);
    } while (now() < until);
    return held;
  };

  scorerPass(rows.slice(0, 5_000));
  repeat(overlapAllWords, []);
  repeat(overlapMaskWords, []);
  const result: ScorerResult = {
    pairs: rows.length,
    skillsInPlay: index.size,
    words: packed.words,
    maskWords: mask.filter((w) => w !== 0).length,
    scorerMs: [],
    allWordsMs: [],
    maskWordsMs: [],
    mustHavesHeld: 0,
  };
  for (let p = 0; p < SCORER_PASSES; p++) {
    const t = now();
    const held = scorerPass(rows);
    result.scorerMs.push(now() - t);
    const all = repeat(overlapAllWords, result.allWordsMs);
    const masked = repeat(overlapMaskWords, result.maskWordsMs);
    if (held !== all || held !== masked) {
      throw new Error(
        `must-haves held: scoreMatch ${held}, bitsets ${all} (all words), ${masked} (mask words)`,
      );
    }
    result.mustHavesHeld = held;
  }
  return result;
}

// --- the pipeline and its raw parts --------------------------------------------------------------------

interface PipelineRun {
  /** Enqueueing `opening.changed` → the last chunk job completed (its `finishedOn`, the worker's clock). */
  ms: number;
  /** → `opening.changed` completed: the opening read and every chunk job queued. */
  fanOutMs: number;
  /** → the first chunk job started. */
  firstChunkMs: number;
  chunks: number;
  /** Each chunk job from start to completion: median, longest, and the sum (work done in parallel). */
  chunkMs: { p50: number; max: number; sum: number };
  /** Jobs that needed more than one attempt (a retry waits at least a second: it would show in `ms`). */
  retried: number;
  stored: number;
  notifyQueued: number;
}

interface RawRun {
  readMs: number;
  scoreMs: number;
  insertMs: number;
  addBulkMs: number;
  sumMs: number;
  statements: number;
  stored: number;
  notifyQueued: number;
}

interface Phase {
  workers: number;
  warmUpMs: number;
  pipeline: PipelineRun[];
  raw: RawRun[];
}

/**
 * No stored matches, notifications or anything else scoring leaves behind (every table of matching's schema
 * but the read model, the weights record and the migrations), empty queues, the notifications queue paused
 * (see the header).
 */
async function clearOutcome(ctx: Ctx): Promise<void> {
  const { rows } = await ctx.db.query<{ name: string }>(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
     where table_schema = $1 and table_type = 'BASE TABLE'
       and table_name not in ('candidate_features', 'opening_profile', 'scoring_state')
       and table_name not like 'mikro_orm_migrations%'`,
    [S],
  );
  await ctx.db.query(`truncate ${rows.map((r) => r.name).join(', ')}`);
  for (const q of [ctx.matching, ctx.notifications, ctx.rawNotify]) await q.obliterate({ force: true });
  // Obliterating pauses a queue on the way (and removes the flag with the rest): say which state is meant.
  await ctx.matching.resume();
  await ctx.notifications.pause();
}

const countAll = async (q: Queue) => Object.values(await q.getJobCounts()).reduce((sum, n) => sum + n, 0);

async function pipelineRun(ctx: Ctx, world: World, parentJobId: string): Promise<PipelineRun> {
  const { opening } = world.scoring;
  await clearOutcome(ctx);
  const t0 = Date.now();
  await ctx.jobs.enqueueMany([
    {
      item: { name: 'opening.changed', data: { openingId: opening.openingId, version: opening.version } },
      opts: { jobId: parentJobId },
    },
  ]);
  let seen = -1;
  let progressAt = Date.now();
  for (;;) {
    const counts = await ctx.matching.getJobCounts();
    if (counts.failed) {
      const failed = await ctx.matching.getFailed(0, 2);
      throw new Error(
        `${counts.failed} matching job(s) failed: ${failed.map((j) => j.failedReason).join('; ')}`,
      );
    }
    if (counts.completed >= world.chunks + 1) break;
    if (counts.completed !== seen) {
      seen = counts.completed;
      progressAt = Date.now();
    } else if (Date.now() - progressAt > STALL_MS) {
      throw new Error(`the pipeline made no progress for ${STALL_MS / 1000} s: ${JSON.stringify(counts)}`);
    }
    await sleep(POLL_MS);
  }
  const jobs = await ctx.matching.getJobs(['completed'], 0, -1);
  const chunks = jobs.filter((j) => j.name === 'opening.score-chunk');
  const parent = jobs.find((j) => j.id === parentJobId);
  if (!parent || chunks.length !== world.chunks) {
    throw new Error(
      `expected ${parentJobId} and ${world.chunks} chunk jobs, found ${jobs.map((j) => j.id).join(', ')}`,
    );
  }
  const durations = chunks.map((j) => j.finishedOn! - j.processedOn!);
  const {
    rows: [{ n: stored }],
  } = await ctx.db.query<{ n: number }>(`select count(*)::int as n from ${S}."match" where opening_id = $1`, [
    opening.openingId,
  ]);
  const result: PipelineRun = {
    ms: Math.max(...chunks.map((j) => j.finishedOn!)) - t0,
    fanOutMs: parent.finishedOn! - t0,
    firstChunkMs: Math.min(...chunks.map((j) => j.processedOn!)) - t0,
    chunks: chunks.length,
    chunkMs: {
      p50: median(durations),
      max: Math.max(...durations),
      sum: durations.reduce((a, b) => a + b, 0),
    },
    retried: jobs.filter((j) => j.attemptsMade > 1).length,
    stored,
    notifyQueued: await countAll(ctx.notifications),
  };
  checkOutcome('pipeline', result, world);
  return result;
}

/**
 * The pipeline's parts, bare and one after the other: read, score and choose, write, queue. The writes go
 * to the same table through the service's own repository (emptied first, as for the pipeline), so the
 * statement, its joins and its indexes are the pipeline's; only the chunking, the transactions around each
 * chunk, the trims and the queue round trips are left out.
 */
async function rawRun(ctx: Ctx, world: World): Promise<RawRun> {
  const { config } = ctx;
  const batch = config.MATCHING_CHUNK_SIZE;
  await clearOutcome(ctx);

  let t = now();
  const rows = await readFeatureRows(ctx.db);
  const readMs = now() - t;

  t = now();
  const stored = storedPairs(
    rows.map((r) => scorePair(world.scoring, r)),
    config.MATCH_STORE_THRESHOLD,
    config.MATCH_TOP_N,
  );
  const scoreMs = now() - t;

  t = now();
  const written: (ScoredPair & { id: string })[] = [];
  for (let i = 0; i < stored.length; i += batch) {
    const part = stored.slice(i, i + batch);
    written.push(...(await new MatchRepository(ctx.orm.em.fork()).upsertMatches(part)));
  }
  const insertMs = now() - t;

  const notify = notifiedPairs(written, config.MATCH_NOTIFY_THRESHOLD);
  t = now();
  for (let i = 0; i < notify.length; i += batch) {
    await ctx.rawNotify.addBulk(
      notify.slice(i, i + batch).map((m) => ({
        name: 'match.notify',
        data: { matchId: m.id },
        // The options libs/platform's JobQueues gives every notify job.
        opts: {
          jobId: jobId('notify', m.candidateId, m.openingId),
          attempts: RETRY_POLICY.notifications.attempts,
          backoff: { type: 'capped' },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 14 * 24 * 3600 },
        },
      })),
    );
  }
  const addBulkMs = now() - t;

  const result: RawRun = {
    readMs,
    scoreMs,
    insertMs,
    addBulkMs,
    sumMs: readMs + scoreMs + insertMs + addBulkMs,
    statements: Math.ceil(stored.length / batch),
    stored: written.length,
    notifyQueued: await countAll(ctx.rawNotify),
  };
  checkOutcome('raw parts', result, world);
  return result;
}

function checkOutcome(what: string, r: { stored: number; notifyQueued: number }, world: World): void {
  const { stored, notified } = world.expected;
  if (r.stored !== stored || r.notifyQueued !== notified) {
    throw new Error(
      `${what}: ${r.stored} matches stored and ${r.notifyQueued} notify jobs queued; expected ${stored} and ${notified}`,
    );
  }
}

// --- the report ------------------------------------------------------------------------------------------

async function report(
  ctx: Ctx,
  world: World,
  scorer: ScorerResult,
  phases: Phase[],
  stamp: string,
  started: number,
) {
  const { config } = ctx;
  const pairs = world.matchable;
  const perSecond = (count: number, ms: number) => count / (ms / 1000);
  const scorerRate = perSecond(scorer.pairs, median(scorer.scorerMs));
  const allWordsRate = perSecond(scorer.pairs, median(scorer.allWordsMs));
  const maskWordsRate = perSecond(scorer.pairs, median(scorer.maskWordsMs));
  const summary = phases.map((p) => {
    const part = (key: keyof RawRun) => median(p.raw.map((r) => r[key]));
    return {
      workers: p.workers,
      pipelineMs: median(p.pipeline.map((r) => r.ms)),
      rawSumMs: part('sumMs'),
      // Each pipeline run against the raw run right after it: load that drifts over minutes (other work on
      // the machine) then weighs on both sides of each ratio.
      overhead: median(p.pipeline.map((r, i) => r.ms / p.raw[i].sumMs)),
      raw: {
        readMs: part('readMs'),
        scoreMs: part('scoreMs'),
        insertMs: part('insertMs'),
        addBulkMs: part('addBulkMs'),
      },
    };
  });
  const [one, many] = summary;
  const ratios = {
    scorerVsPopcountAllWords: ratio(scorerRate, allWordsRate),
    scorerVsPopcountMaskWords: ratio(scorerRate, maskWordsRate),
    pipelineVsRawOneProcess: one.overhead,
    pipelineVsRawManyProcesses: many.overhead,
    manyVsOneProcessThroughput: ratio(one.pipelineMs, many.pipelineMs),
    // The same, each phase measured in its own raw parts: corrects for the machine being busier (or idler)
    // in one phase than in the other, as far as the single-process raw parts feel it.
    manyVsOneAgainstOwnRawParts: ratio(one.overhead, many.overhead),
  };
  const pipelineRow = (s: (typeof summary)[number], r: number | null): TableRow => ({
    metric: `published → stored + queued, ${s.workers} process${s.workers > 1 ? 'es' : ''} (pipeline ÷ raw parts)`,
    system: seconds(s.pipelineMs),
    baseline: seconds(s.rawSumMs),
    ratio: fmtRatio(r),
  });
  const rows: TableRow[] = [
    {
      metric: 'scoring pairs/s (scoreMatch ÷ bitset popcount, all words)',
      system: fmt(scorerRate),
      baseline: fmt(allWordsRate),
      ratio: fmtRatio(ratios.scorerVsPopcountAllWords),
    },
    {
      metric: "scoring pairs/s (scoreMatch ÷ bitset popcount, opening's words)",
      system: fmt(scorerRate),
      baseline: fmt(maskWordsRate),
      ratio: fmtRatio(ratios.scorerVsPopcountMaskWords),
    },
    pipelineRow(one, ratios.pipelineVsRawOneProcess),
    pipelineRow(many, ratios.pipelineVsRawManyProcesses),
    {
      metric: `pipeline pairs/s (${many.workers} processes ÷ 1)`,
      system: fmt(perSecond(pairs, many.pipelineMs)),
      baseline: fmt(perSecond(pairs, one.pipelineMs)),
      ratio: fmtRatio(ratios.manyVsOneProcessThroughput),
    },
  ];
  const { rows: pgVersion } = await ctx.db.query<{ v: string }>(
    `select current_setting('server_version') as v`,
  );
  const { opening } = world.scoring;
  const heading =
    `Matching benchmark, ${stamp}: N=${world.candidates} (${pairs} matchable), seed ${config.BENCH_SEED}, ` +
    `chunks of ${config.MATCHING_CHUNK_SIZE}, ${config.MATCHING_CONCURRENCY} jobs per process, ${cpus().length} CPUs, ` +
    `Node ${process.versions.node}, PostgreSQL ${pgVersion[0].v}; medians of ${config.BENCH_RUNS} run(s) after a warm-up (pipeline ÷ raw parts: of each run's own ratio)`;
  const details = [
    `opening: "${opening.title}", ${opening.requirements.mustHave.length} must-haves, ` +
      `${opening.requirements.niceToHave.length} nice-to-haves, ${world.neighbourRows} neighbour rows for its skills; ` +
      `${world.expected.stored} matches stored, ${world.expected.notified} notify jobs per run`,
    `scoring: ${fmt(1e6 / scorerRate, 2)} µs per pair (median of ${scorer.scorerMs.length} passes); bitsets over ` +
      `${scorer.skillsInPlay} skills in play, ${scorer.words} words per candidate, the opening's bits in ` +
      `${scorer.maskWords}; both count ${scorer.mustHavesHeld} must-haves held`,
    ...summary.flatMap((s, i) => {
      const { pipeline, raw, warmUpMs } = phases[i];
      const busy = median(pipeline.map((r) => r.chunkMs.sum));
      const list = (ms: number[]) => ms.map(seconds).join(', ');
      return [
        `${s.workers} process(es): pipeline ${list(pipeline.map((r) => r.ms))} (warm-up ${seconds(warmUpMs)}), ` +
          `raw parts ${list(raw.map((r) => r.sumMs))}, ratios ` +
          `${pipeline.map((r, j) => fmtRatio(r.ms / raw[j].sumMs)).join(', ')}; ${world.chunks} chunks of median ` +
          `${seconds(median(pipeline.map((r) => r.chunkMs.p50)))}, ${seconds(busy)} of chunk work in all ` +
          `(${fmt(busy / s.pipelineMs, 2)} at a time), the first started after ` +
          `${seconds(median(pipeline.map((r) => r.firstChunkMs)))}; ` +
          `${pipeline.reduce((n, r) => n + r.retried, 0)} job(s) retried`,
        `  raw parts (medians): read ${seconds(s.raw.readMs)}, score ${seconds(s.raw.scoreMs)}, ` +
          `insert ${seconds(s.raw.insertMs)} (${raw[0].statements} statements), addBulk ${seconds(s.raw.addBulkMs)}`,
      ];
    }),
    `${many.workers} processes ÷ 1 with each phase in units of its own raw parts (load that changed between ` +
      `the phases cancels): ${fmtRatio(ratios.manyVsOneAgainstOwnRawParts)}`,
    `run time ${seconds(now() - started)} (setup included)`,
  ];
  return {
    benchmark: 'matching',
    stamp,
    config: {
      n: world.candidates,
      matchable: world.matchable,
      seed: config.BENCH_SEED,
      chunk: config.MATCHING_CHUNK_SIZE,
      concurrencyPerProcess: config.MATCHING_CONCURRENCY,
      runs: config.BENCH_RUNS,
      workers: phases.map((p) => p.workers),
      thresholds: {
        store: config.MATCH_STORE_THRESHOLD,
        notify: config.MATCH_NOTIFY_THRESHOLD,
        topN: config.MATCH_TOP_N,
      },
      cpus: cpus().length,
      node: process.versions.node,
      postgres: pgVersion[0].v,
    },
    opening: { ...opening, neighbourRows: world.neighbourRows },
    expected: world.expected,
    ratios,
    scorer: {
      ...scorer,
      pairsPerSecond: { scorer: scorerRate, allWords: allWordsRate, maskWords: maskWordsRate },
    },
    phases,
    summary,
    table: [heading, '', table(rows), '', ...details].join('\n'),
  };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
