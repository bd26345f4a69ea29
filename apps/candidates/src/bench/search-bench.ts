/*
 * The candidate search benchmark (`npm run bench:search`, which starts the system and runs this from dist/).
 * It loads N synthetic candidates through the gateway and reports ratios measured in this one run, so the
 * machine's speed and whatever else it is doing cancel out as far as they can:
 *
 *   import      rows/s of POST /api/v1/candidates/import (JSON lines, chunks in parallel)
 *               ÷ rows/s of a raw PostgreSQL COPY of the same rows, as stored, into a copy of the table
 *   indexing    searchable candidates ÷ time from the first import request until the candidates index
 *               holds them all (outbox → BullMQ → worker → Meilisearch)
 *               ÷ docs/s of raw addDocuments of the same documents (the service's own mapper) in 10k
 *               batches into a fresh index with the same settings
 *   search      p50 and p95 of GET /api/v1/candidates/search ÷ those of the same queries sent straight to
 *               Meilisearch (built by the service's buildCandidateQuery, so identical)
 *   recall@50   of our search on synonym and misspelled skill queries ÷ that of PostgreSQL full-text search
 *               over the candidates' skill labels and texts
 *
 * Times are printed as supporting detail only; the ratios are the result.
 */
import 'reflect-metadata';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { MikroORM } from '@mikro-orm/postgresql';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Meilisearch, Task } from 'meilisearch';
import { Client } from 'pg';
import {
  CandidateSearchQueryDto,
  type CandidateSearchResult,
  type ImportReport,
  type ImportRowError,
} from '@brobygger/contracts';
import { gazetteer, type LatLng } from '@brobygger/geo';
import {
  ConceptCatalogue,
  env,
  fieldErrorsOf,
  loadConfig,
  PrefixedRedisClient,
  RpcCaller,
  rpcChannelPrefix,
  signAccessToken,
  transportOptions,
  type ConfigOf,
} from '@brobygger/platform';
import {
  CANDIDATE_INDEX_SETTINGS,
  CANDIDATES_INDEX,
  createMeili,
  ensureIndex,
  indexUid,
  settled,
  type CandidateDocument,
} from '@brobygger/search';
import { Candidate } from '../candidate.entity';
import { toCandidateDocument } from '../candidate.mapper';
import { buildCandidateQuery, type MeiliQuery } from '../candidate-search.query';
import { CandidateSearchIndex } from '../candidate-search.index';
import { candidatesEnv } from '../config';
import { candidatesOrmConfig } from '../mikro-orm.config';
import { fmt, fmtRatio, mean, now, percentile, ratio, table, type TableRow } from './bench-report';
import { recallTargets, searchCases, type SearchCase } from './search-cases';
import { candidateFactory, loadPostcodes, loadTaxonomy, seededRng, type BenchTaxonomy } from './synthetic';

const benchEnv = {
  ...candidatesEnv,
  GATEWAY_URL: env.url({ protocols: ['http', 'https'], describe: 'the gateway of the system under test' }),
  JWT_SECRET: env.string({ minLength: 32, describe: 'the secret the gateway checks bearer tokens with' }),
  BENCH_N: env.int({
    default: 100_000,
    min: 100,
    max: 1_000_000,
    describe: 'synthetic candidates to import',
  }),
  BENCH_CHUNK: env.int({
    default: 0,
    min: 0,
    max: 10_000,
    describe: 'rows per import request (at most 10,000); 0 picks N/10, at least 500 and at most 2,000',
  }),
  BENCH_CONCURRENCY: env.int({ default: 2, min: 1, max: 16, describe: 'import requests in flight at once' }),
  BENCH_QUERIES: env.int({ default: 300, min: 10, max: 5_000, describe: 'search queries to time' }),
  BENCH_SEED: env.int({
    default: 4,
    min: 0,
    max: 2_147_483_647,
    describe: 'seed of the data and the queries',
  }),
  BENCH_OUT_DIR: env.string({ describe: 'folder for the JSON result (scratch files go in a subfolder)' }),
};
type BenchConfig = ConfigOf<typeof benchEnv>;

/** Documents per raw addDocuments call. */
const BATCH = 10_000;
/**
 * Rows per import request unless told otherwise. Not 10,000: the gateway passes the file to the candidates
 * service inside one Redis pub/sub message (~1.25 KB per row here, 12.5 MB for 10,000), and Redis drops a
 * subscriber whose unread output passes its pub/sub limit (default 8 MB for 60 s, or 32 MB): the request is
 * lost and answered 503 after 180 s (seen in a 100k run; the Redis log names the subscriber it closed).
 */
const MAX_AUTO_CHUNK = 2_000;
/** Recall targets (skills); each gives one synonym and one misspelled query. */
const RECALL_TARGETS = 200;
const RECALL_K = 50;
/** Give up when the index or the queues make no progress for this long (the system is stuck, not slow). */
const STALL_MS = 5 * 60_000;
const SCRATCH = 'bench_scratch';
/** Where PostgreSQL writes the rows for the COPY baseline: a path the server can write and read. */
const copyFile = `/tmp/brobygger-bench-${process.pid}.copy`;

const log = (line: string) => process.stderr.write(`[search-bench] ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Ctx {
  config: BenchConfig;
  db: Client;
  orm: MikroORM;
  meili: Meilisearch;
  index: CandidateSearchIndex;
  catalogue: ConceptCatalogue;
  token: string;
  tmp: string;
}

async function main(): Promise<void> {
  const config = loadConfig(benchEnv, process.env);
  const host = new URL(config.DATABASE_URL).hostname;
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    // The COPY baseline reads a file the server wrote, and this process removes it: same machine only.
    throw new Error(
      `PostgreSQL must run on this machine for the COPY baseline (DATABASE_URL host is ${host})`,
    );
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const tmp = join(config.BENCH_OUT_DIR, `tmp-search-${stamp}`);
  mkdirSync(tmp, { recursive: true });
  // Stopped from outside (Ctrl-C reaches us as SIGTERM from scripts/bench-search.ts): leave no scratch files.
  // The scratch schema and indexes are left to the next run, which removes them before it starts.
  process.once('SIGTERM', () => {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(copyFile, { force: true });
    process.exit(143);
  });

  const db = new Client({ connectionString: config.DATABASE_URL });
  await db.connect();
  const orm = await MikroORM.init(candidatesOrmConfig(config.DATABASE_URL));
  const rpcClient = new PrefixedRedisClient(
    rpcChannelPrefix(config.REDIS_PREFIX),
    transportOptions(config.REDIS_URL),
  );
  await rpcClient.connect();
  const meili = createMeili(config.MEILI_URL, config.MEILI_MASTER_KEY);
  const ctx: Ctx = {
    config,
    db,
    orm,
    meili,
    index: new CandidateSearchIndex(meili, config),
    catalogue: new ConceptCatalogue(new RpcCaller(rpcClient, 60_000)),
    token: signAccessToken({ sub: 'search-bench', role: 'staff' }, config.JWT_SECRET, 12 * 3600),
    tmp,
  };
  try {
    const result = await run(ctx, stamp);
    const file = join(config.BENCH_OUT_DIR, `search-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`\n${result.table}\n\nwritten to ${file}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await db.query(`drop schema if exists ${SCRATCH} cascade`).catch(() => undefined);
    await rpcClient.close();
    await orm.close(true);
    await db.end();
  }
}

async function run(ctx: Ctx, stamp: string) {
  const { config } = ctx;
  const n = config.BENCH_N;
  const chunk = config.BENCH_CHUNK || Math.min(MAX_AUTO_CHUNK, Math.max(500, Math.ceil(n / 10)));
  const startedAt = new Date().toISOString();

  log('reading the taxonomy and generating candidates…');
  const tax = await loadTaxonomy(ctx.db);
  const files = writeImportFiles(ctx, tax, n, chunk);
  log(
    `${n} candidates (${files.searchable} searchable) in ${files.paths.length} files of ≤${chunk} rows, ` +
      `${fmt(files.bytes / 1e6, 1)} MB`,
  );

  log(`importing through the gateway, ${config.BENCH_CONCURRENCY} requests at a time…`);
  const imported = await importAndIndex(ctx, files.paths, files.searchable);
  const drained = await waitForQueues(ctx, imported.t0);
  await checkStored(ctx, n, files.searchable);
  const systemWork = await meiliWork(ctx, ctx.index.uid, new Date(startedAt));

  log('raw PostgreSQL COPY of the same rows…');
  const copy = await copyBaseline(ctx);
  log('raw Meilisearch addDocuments of the same documents…');
  const raw = await meiliBaseline(ctx, files.searchable);

  const holders = await skillHolders(ctx);
  log('search latency: gateway and Meilisearch, same queries…');
  const search = await searchLatency(ctx, tax, holders);
  log('recall on synonyms and typos: our search and PostgreSQL full-text search…');
  const recall = await recallVsFullText(ctx, tax, holders);

  const importRate = n / (imported.importMs / 1000);
  const copyRate = copy.rows / (copy.ms / 1000);
  const indexRate = files.searchable / (imported.indexedMs / 1000);
  const rawRate = raw.docs / (raw.ms / 1000);
  const ratios = {
    importVsCopy: ratio(importRate, copyRate),
    indexingVsAddDocuments: ratio(indexRate, rawRate),
    searchP50GatewayVsMeili: ratio(search.gateway.p50, search.meili.p50),
    searchP95GatewayVsMeili: ratio(search.gateway.p95, search.meili.p95),
    recallSynonymsVsFullText: ratio(recall.synonyms.ours, recall.synonyms.english),
    recallTyposVsFullText: ratio(recall.typos.ours, recall.typos.english),
  };
  const rows: TableRow[] = [
    {
      metric: 'import rows/s (gateway ÷ PG COPY)',
      system: fmt(importRate),
      baseline: fmt(copyRate),
      ratio: fmtRatio(ratios.importVsCopy),
    },
    {
      metric: 'indexed docs/s (end to end ÷ addDocuments)',
      system: fmt(indexRate),
      baseline: fmt(rawRate),
      ratio: fmtRatio(ratios.indexingVsAddDocuments),
    },
    {
      metric: 'search p50 ms (gateway ÷ Meilisearch)',
      system: fmt(search.gateway.p50, 1),
      baseline: fmt(search.meili.p50, 1),
      ratio: fmtRatio(ratios.searchP50GatewayVsMeili),
    },
    {
      metric: 'search p95 ms (gateway ÷ Meilisearch)',
      system: fmt(search.gateway.p95, 1),
      baseline: fmt(search.meili.p95, 1),
      ratio: fmtRatio(ratios.searchP95GatewayVsMeili),
    },
    {
      metric: `recall@${RECALL_K} synonyms (ours ÷ PG FTS english)`,
      system: fmt(recall.synonyms.ours, 3),
      baseline: fmt(recall.synonyms.english, 3),
      ratio: fmtRatio(ratios.recallSynonymsVsFullText),
    },
    {
      metric: `recall@${RECALL_K} typos (ours ÷ PG FTS english)`,
      system: fmt(recall.typos.ours, 3),
      baseline: fmt(recall.typos.english, 3),
      ratio: fmtRatio(ratios.recallTyposVsFullText),
    },
  ];
  const heading =
    `Candidate search benchmark, ${stamp}: N=${n} (${files.searchable} searchable), seed ${config.BENCH_SEED}, ` +
    `${cpus().length} CPUs, Meilisearch ${(await ctx.meili.getVersion()).pkgVersion}`;
  const details = [
    `import: ${seconds(imported.importMs)} for ${n} rows in ${files.paths.length} requests of ≤${chunk} rows, ` +
      `${config.BENCH_CONCURRENCY} in flight (request p50 ${seconds(imported.requestP50)}, max ${seconds(imported.requestMax)}); ` +
      `COPY ${seconds(copy.ms)}`,
    `indexing: all ${files.searchable} searchable in the index ${seconds(imported.indexedMs)} after the first request ` +
      `(${seconds(imported.indexedMs - imported.importMs)} after the last answer; ${imported.indexedAtImportEnd} indexed by then); ` +
      `all queues empty after ${seconds(drained.ms)}; addDocuments ${seconds(raw.ms)}`,
    `Meilisearch writing documents: ${seconds(systemWork.busyMs)} in ${systemWork.batches} batches ` +
      `(${systemWork.tasks} tasks, ${fmt(systemWork.docsPerBatch)} documents per batch) for the system's index; ` +
      `${seconds(raw.meili.busyMs)} in ${raw.meili.batches} batches (${fmt(raw.meili.docsPerBatch)} per batch) for addDocuments`,
    `search: ${search.queries} queries after a warm-up round, alternating gateway and Meilisearch; ` +
      `${search.mismatches.length} answered differently`,
    `recall: ${recall.targets} skills, relevant = searchable candidates holding the skill; PG FTS simple: ` +
      `synonyms ${fmt(recall.synonyms.simple, 3)}, typos ${fmt(recall.typos.simple, 3)}`,
  ];
  const printed = [heading, table(rows), ...details].join('\n');
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    config: {
      n,
      searchable: files.searchable,
      chunkRows: chunk,
      importConcurrency: config.BENCH_CONCURRENCY,
      queries: config.BENCH_QUERIES,
      seed: config.BENCH_SEED,
      cpus: cpus().length,
    },
    ratios,
    import: {
      rows: n,
      ms: imported.importMs,
      rowsPerSec: importRate,
      requests: imported.requests,
      copy: { ...copy, rowsPerSec: copyRate },
    },
    indexing: {
      documents: files.searchable,
      msFromFirstRequest: imported.indexedMs,
      docsPerSec: indexRate,
      indexedAtImportEnd: imported.indexedAtImportEnd,
      queuesEmptyMs: drained.ms,
      queuesAtEnd: drained.queues,
      meili: systemWork,
      addDocuments: { ...raw, docsPerSec: rawRate },
    },
    search,
    recall,
    table: printed,
  };
}

// --- import and indexing -------------------------------------------------------------------------------

/**
 * The import files, generated before the clock starts so generation is not counted: one JSON lines file
 * per request, written as generated, so no more than one request's rows are ever in memory.
 */
function writeImportFiles(ctx: Ctx, tax: BenchTaxonomy, n: number, chunk: number) {
  const factory = candidateFactory(tax, loadPostcodes(), ctx.config.BENCH_SEED);
  const paths: string[] = [];
  let searchable = 0;
  let bytes = 0;
  for (let from = 0; from < n; from += chunk) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(n, from + chunk); i++) {
      const dto = factory.next(i);
      if (dto.consent.searchable) searchable++;
      lines.push(JSON.stringify(dto));
    }
    const path = join(ctx.tmp, `import-${String(paths.length).padStart(4, '0')}.jsonl`);
    const body = `${lines.join('\n')}\n`;
    writeFileSync(path, body);
    bytes += Buffer.byteLength(body);
    paths.push(path);
  }
  return { paths, searchable, bytes };
}

interface RequestTiming {
  rows: number;
  created: number;
  existing: number;
  ms: number;
}

/**
 * Sends the files through the gateway, `BENCH_CONCURRENCY` at a time, while watching the candidates index
 * fill up. Both clocks start at the first request.
 */
async function importAndIndex(ctx: Ctx, files: string[], searchable: number) {
  const { config } = ctx;
  const t0 = now();
  const stop = new AbortController();
  let done = 0;
  const indexed = waitForIndex(
    ctx,
    searchable,
    t0,
    stop.signal,
    () => `${done}/${files.length} requests answered`,
  );
  indexed.catch(() => undefined); // observed below; this only keeps an early import failure from crashing first

  const requests: RequestTiming[] = [];
  const errors: (ImportRowError & { request: number })[] = [];
  let next = 0;
  const sender = async () => {
    while (next < files.length) {
      const k = next++;
      const body = readFileSync(files[k], 'utf8');
      const started = now();
      const res = await fetch(`${config.GATEWAY_URL}/api/v1/candidates/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/x-ndjson' },
        body,
      });
      const text = await res.text();
      if (res.status !== 200)
        throw new Error(`import request ${k} answered ${res.status}: ${text.slice(0, 1000)}`);
      const report = JSON.parse(text) as ImportReport;
      requests[k] = {
        rows: report.rows,
        created: report.created,
        existing: report.existing.length,
        ms: now() - started,
      };
      errors.push(...report.errors.map((e) => ({ ...e, request: k })));
      done++;
    }
  };
  let importMs: number;
  try {
    await Promise.all(Array.from({ length: config.BENCH_CONCURRENCY }, sender));
    importMs = now() - t0;
  } catch (err) {
    stop.abort();
    throw err;
  }
  const indexedAtImportEnd = await documentCount(ctx);
  if (errors.length) {
    stop.abort();
    const first = errors
      .slice(0, 10)
      .map((e) => `  request ${e.request} line ${e.line} ${e.field}: ${e.message}`);
    throw new Error(
      `the import reported ${errors.length} invalid rows (must be 0); the first:\n${first.join('\n')}`,
    );
  }
  const rows = requests.reduce((s, r) => s + r.rows, 0);
  const created = requests.reduce((s, r) => s + r.created, 0);
  if (created !== rows) {
    stop.abort();
    throw new Error(`the import created ${created} of ${rows} rows (the rest were reported existing)`);
  }
  log(`imported ${rows} rows in ${seconds(importMs)}; waiting for the index…`);
  const indexedMs = await indexed;
  const times = requests.map((r) => r.ms);
  return {
    t0,
    importMs,
    indexedMs,
    indexedAtImportEnd,
    requests,
    requestP50: percentile(times, 50),
    requestMax: Math.max(...times),
  };
}

async function documentCount(ctx: Ctx): Promise<number> {
  // The index is made by the candidates worker at boot; until then (or if it is gone) it holds nothing.
  return ctx.meili
    .index(ctx.index.uid)
    .getStats()
    .then((s) => s.numberOfDocuments)
    .catch(() => 0);
}

/** Milliseconds from t0 until the candidates index holds `expected` documents. */
async function waitForIndex(
  ctx: Ctx,
  expected: number,
  t0: number,
  signal: AbortSignal,
  progress: () => string,
): Promise<number> {
  let last = -1;
  let lastChange = now();
  let lastLog = now();
  for (;;) {
    if (signal.aborted) throw new Error('stopped');
    const count = await documentCount(ctx);
    if (count >= expected) return now() - t0;
    if (count !== last) [last, lastChange] = [count, now()];
    if (now() - lastChange > STALL_MS) {
      throw new Error(
        `the candidates index stayed at ${count}/${expected} documents for ${seconds(STALL_MS)}; ` +
          `health: ${JSON.stringify(await health(ctx))}`,
      );
    }
    if (now() - lastLog > 15_000) {
      log(`  ${seconds(now() - t0)}: ${progress()}, ${count}/${expected} indexed`);
      lastLog = now();
    }
    await sleep(200);
  }
}

interface Health {
  status?: string;
  queues?: Record<string, Record<string, number>>;
}

async function health(ctx: Ctx): Promise<Health> {
  const res = await fetch(`${ctx.config.GATEWAY_URL}/api/health`);
  return (await res.json()) as Health;
}

/**
 * Waits until no job is waiting, active or delayed (matching works through the same candidates after the
 * index is done), so the search timings that follow do not share the CPU with it.
 */
async function waitForQueues(ctx: Ctx, t0: number) {
  let lastPending = -1;
  let lastChange = now();
  for (;;) {
    const h = await health(ctx);
    const queues = h.queues ?? {};
    const pending = Object.values(queues).reduce(
      (s, q) => s + (q.waiting ?? 0) + (q.active ?? 0) + (q.delayed ?? 0),
      0,
    );
    if (h.queues && pending === 0) {
      const failed = Object.entries(queues).filter(([, q]) => q.failed);
      if (failed.length) log(`failed jobs: ${JSON.stringify(Object.fromEntries(failed))}`);
      return { ms: now() - t0, queues };
    }
    if (pending !== lastPending) [lastPending, lastChange] = [pending, now()];
    if (now() - lastChange > STALL_MS) throw new Error(`queues stuck at ${JSON.stringify(queues)}`);
    await sleep(1_000);
  }
}

/** The rows and documents the baselines copy are all there, and nothing else is. */
async function checkStored(ctx: Ctx, n: number, searchable: number): Promise<void> {
  const { rows } = await ctx.db.query<{ all: string; searchable: string }>(
    `select count(*) as all, count(*) filter (where consent_searchable and status <> 'archived') as searchable
     from candidates.candidate`,
  );
  const stored = { all: Number(rows[0].all), searchable: Number(rows[0].searchable) };
  const indexed = await documentCount(ctx);
  if (stored.all !== n || stored.searchable !== searchable || indexed !== searchable) {
    throw new Error(
      `expected ${n} stored (${searchable} searchable and indexed); found ${stored.all} stored, ` +
        `${stored.searchable} searchable, ${indexed} indexed`,
    );
  }
}

// --- raw baselines -------------------------------------------------------------------------------------

/**
 * COPY of the rows exactly as the import stored them into an empty table with the same columns, defaults,
 * constraints and indexes. COPY ... FROM STDIN needs pg-copy-streams, which is not installed, so PostgreSQL
 * writes the rows to a file on its own machine first and reads them back from there: only the read is timed.
 */
async function copyBaseline(ctx: Ctx): Promise<{ rows: number; ms: number }> {
  const { db } = ctx;
  await db.query(`create schema if not exists ${SCRATCH}`);
  await db.query(`drop table if exists ${SCRATCH}.candidate`);
  await db.query(`create table ${SCRATCH}.candidate (like candidates.candidate including all)`);
  const file = copyFile;
  await db.query(`copy (select * from candidates.candidate) to '${file}'`);
  try {
    await db.query('checkpoint'); // so the COPY does not pay for flushing the import's dirty pages
    const started = now();
    const res = await db.query(`copy ${SCRATCH}.candidate from '${file}'`);
    return { rows: res.rowCount ?? 0, ms: now() - started };
  } finally {
    rmSync(file, { force: true });
    await db.query(`drop table if exists ${SCRATCH}.candidate`);
  }
}

/**
 * The same documents the index holds, built by the service's own mapper from PostgreSQL with labels from the
 * taxonomy service (as a reindex builds them), added to a fresh index with the same settings in batches of
 * 10,000, timed from the first request until every task has succeeded. The documents go through a file so
 * that only one batch is in memory at a time.
 */
async function meiliBaseline(ctx: Ctx, expected: number) {
  const file = join(ctx.tmp, 'documents.ndjson');
  const out = createWriteStream(file);
  let docs = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const page = await ctx.orm.em.fork().getRepository(Candidate).searchablePage(after, 5_000);
    if (!page.length) break;
    const labels = await ctx.catalogue.describe(
      page.flatMap((c) => c.skills.flatMap((s) => (s.skillId ? [s.skillId] : []))),
      page.flatMap((c) => [
        ...c.experience.flatMap((e) => (e.occupationId ? [e.occupationId] : [])),
        ...c.wishes.occupationIds,
      ]),
    );
    for (const c of page) {
      if (!out.write(`${JSON.stringify(toCandidateDocument(c, labels))}\n`)) await once(out, 'drain');
    }
    docs += page.length;
    after = page[page.length - 1].id;
  }
  out.end();
  await once(out, 'finish');
  if (docs !== expected) throw new Error(`read ${docs} searchable candidates back, expected ${expected}`);

  const uid = indexUid(ctx.config.MEILI_INDEX_PREFIX, `${CANDIDATES_INDEX}-raw`);
  const since = new Date();
  await settled(ctx.meili.deleteIndex(uid)).catch(() => undefined);
  await ensureIndex(ctx.meili, uid, 'id', CANDIDATE_INDEX_SETTINGS);
  const index = ctx.meili.index<CandidateDocument>(uid);
  const tasks: Promise<Task>[] = [];
  const started = now();
  for await (const batch of readBatches(file, BATCH)) {
    const enqueued = index.addDocuments(batch);
    // Waiting for the 202 before reading the next batch keeps one batch in memory; Meilisearch indexes the
    // previous one meanwhile, so nothing is serialised that would not be anyway.
    await enqueued;
    tasks.push(settled(enqueued, 30 * 60_000));
  }
  await Promise.all(tasks);
  const ms = now() - started;
  const held = (await index.getStats()).numberOfDocuments;
  const work = await meiliWork(ctx, uid, since);
  await settled(ctx.meili.deleteIndex(uid));
  if (held !== docs) throw new Error(`the raw index holds ${held} documents, expected ${docs}`);
  return { docs, ms, requests: tasks.length, meili: work };
}

/**
 * What Meilisearch spent on writing documents to an index: its batches (the tasks it processed together),
 * the documents in them and how long they took, since a moment. Settings and deletions are left out.
 */
async function meiliWork(ctx: Ctx, uid: string, since: Date) {
  let batches = 0;
  let tasks = 0;
  let documents = 0;
  let busyMs = 0;
  let longestMs = 0;
  for (let from: number | null | undefined = undefined; from !== null;) {
    const page = await ctx.meili.batches.getBatches({
      indexUids: [uid],
      types: ['documentAdditionOrUpdate'],
      // Batches outlive their index: leave out those of earlier runs, which used the same index names.
      afterEnqueuedAt: since.toISOString(),
      limit: 1_000,
      ...(from ? { from } : {}),
    });
    for (const b of page.results) {
      const ms = durationMs(b.duration);
      batches++;
      tasks += b.stats.totalNbTasks;
      documents += b.details.indexedDocuments ?? 0;
      busyMs += ms;
      longestMs = Math.max(longestMs, ms);
    }
    from = page.next;
  }
  return { batches, tasks, documents, busyMs, longestMs, docsPerBatch: documents / batches };
}

/** An ISO 8601 duration as Meilisearch writes them (`PT1.5S`, `PT2M3.1S`), in milliseconds. */
function durationMs(iso: string | null): number {
  const m = /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso ?? '');
  if (!m) return 0;
  const [d, h, min, sec] = m.slice(1).map((v) => Number(v ?? 0));
  return (((d * 24 + h) * 60 + min) * 60 + sec) * 1000;
}

async function* readBatches(file: string, size: number): AsyncGenerator<CandidateDocument[]> {
  let batch: CandidateDocument[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    batch.push(JSON.parse(line) as CandidateDocument);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

// --- search --------------------------------------------------------------------------------------------

/** How many searchable, active candidates hold each skill (by id). */
async function skillHolders(ctx: Ctx): Promise<Map<string, number>> {
  const { rows } = await ctx.db.query<{ skill_id: string; n: string }>(
    `select s->>'skillId' as skill_id, count(*) as n
     from candidates.candidate c cross join lateral jsonb_array_elements(c.skills) s
     where c.consent_searchable and c.status = 'active' and s->>'skillId' is not null
     group by 1 order by 1`,
  );
  return new Map(rows.map((r) => [r.skill_id, Number(r.n)]));
}

/** The query the candidates service would send Meilisearch for these parameters, validated the same way. */
async function meiliQueryOf(params: Record<string, string>): Promise<MeiliQuery> {
  const dto = plainToInstance(CandidateSearchQueryDto, params);
  const problems = fieldErrorsOf(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length) throw new Error(`bad search ${JSON.stringify(params)}: ${JSON.stringify(problems)}`);
  return buildCandidateQuery(dto, centreOf(dto));
}

/** As CandidatesService resolves near / nearMunicipality (private there). */
function centreOf(dto: CandidateSearchQueryDto): LatLng | undefined {
  if (dto.near) {
    const [lat, lng] = dto.near.split(',').map(Number);
    return { lat, lng };
  }
  if (dto.nearMunicipality) {
    const m = gazetteer().municipality(dto.nearMunicipality);
    if (!m) throw new Error(`unknown municipality ${dto.nearMunicipality}`);
    return { lat: m.lat, lng: m.lng };
  }
  return undefined;
}

async function gatewaySearch(ctx: Ctx, params: Record<string, string>): Promise<CandidateSearchResult> {
  const res = await fetch(
    `${ctx.config.GATEWAY_URL}/api/v1/candidates/search?${new URLSearchParams(params).toString()}`,
    {
      headers: { authorization: `Bearer ${ctx.token}` },
    },
  );
  const body = await res.text();
  if (res.status !== 200) throw new Error(`search ${JSON.stringify(params)} answered ${res.status}: ${body}`);
  return JSON.parse(body) as CandidateSearchResult;
}

/**
 * Each query once through the gateway and once straight to Meilisearch, after a whole warm-up round. The
 * order alternates per query so neither path always runs on caches the other just warmed. Queries run one
 * at a time: this is latency, not throughput.
 */
async function searchLatency(ctx: Ctx, tax: BenchTaxonomy, holders: Map<string, number>) {
  const popular = [...holders].filter(([, n]) => n >= 20).map(([id]) => id);
  const cases = searchCases(seededRng(ctx.config.BENCH_SEED + 1), popular, tax, ctx.config.BENCH_QUERIES);
  const prepared = await Promise.all(cases.map(async (c) => ({ ...c, query: await meiliQueryOf(c.params) })));
  const gateway: number[] = [];
  const meili: number[] = [];
  const mismatches: { params: Record<string, string>; gateway: number; meili: number }[] = [];
  const hits: number[] = [];
  for (const round of ['warm-up', 'timed'] as const) {
    for (const [i, c] of prepared.entries()) {
      const viaGateway = async () => {
        const started = now();
        const res = await gatewaySearch(ctx, c.params);
        return { ms: now() - started, total: res.total, ids: res.items.map((h) => h.id) };
      };
      const direct = async () => {
        const started = now();
        const res = await ctx.index.search(c.query);
        return {
          ms: now() - started,
          total: res.estimatedTotalHits ?? res.hits.length,
          ids: res.hits.map((h) => h.id),
        };
      };
      const g = i % 2 ? await viaGateway() : undefined;
      const m = await direct();
      const g2 = g ?? (await viaGateway());
      if (round === 'warm-up') continue;
      gateway.push(g2.ms);
      meili.push(m.ms);
      hits.push(m.total);
      if (g2.total !== m.total || g2.ids.join() !== m.ids.join()) {
        mismatches.push({ params: c.params, gateway: g2.total, meili: m.total });
      }
    }
  }
  const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), mean: mean(xs) });
  const kinds = new Map<string, number>();
  for (const c of cases) for (const part of c.kind.split('+')) kinds.set(part, (kinds.get(part) ?? 0) + 1);
  return {
    queries: cases.length,
    gateway: stats(gateway),
    meili: stats(meili),
    hitsPerQuery: { p50: percentile(hits, 50), zero: hits.filter((h) => h === 0).length },
    parts: Object.fromEntries(kinds),
    mismatches: mismatches.slice(0, 20),
    examples: cases.slice(0, 10).map((c: SearchCase) => c.params),
  };
}

// --- recall --------------------------------------------------------------------------------------------

type FullTextConfig = 'english' | 'simple';

/**
 * Recall@50 on queries a synonym or a typo away from a skill's preferred label. Relevant: the searchable,
 * active candidates holding that skill id. Ours: the gateway's search with only `q`. The baseline: PostgreSQL
 * full-text search over each candidate's skill labels and texts as stored, top 50 by ts_rank, with a GIN
 * index as one would deploy it. 'english' (stemmed) is the baseline in the table; 'simple' is kept beside.
 */
async function recallVsFullText(ctx: Ctx, tax: BenchTaxonomy, holders: Map<string, number>) {
  const { db } = ctx;
  await db.query(`create schema if not exists ${SCRATCH}`);
  await db.query(`drop table if exists ${SCRATCH}.skill_text`);
  await db.query(
    `create table ${SCRATCH}.skill_text as
     select c.id, to_tsvector('english', t.txt) as english, to_tsvector('simple', t.txt) as simple
     from candidates.candidate c
     cross join lateral (
       select coalesce(string_agg(concat_ws(' ', s->>'label', s->>'text'), ' '), '') as txt
       from jsonb_array_elements(c.skills) s
     ) t
     where c.consent_searchable and c.status = 'active'`,
  );
  await db.query(`create index on ${SCRATCH}.skill_text using gin (english)`);
  await db.query(`create index on ${SCRATCH}.skill_text using gin (simple)`);
  await db.query(`analyze ${SCRATCH}.skill_text`);

  const targets = recallTargets(seededRng(ctx.config.BENCH_SEED + 2), holders, tax, RECALL_TARGETS);
  const { rows } = await db.query<{ skill_id: string; id: string }>(
    `select s->>'skillId' as skill_id, c.id
     from candidates.candidate c cross join lateral jsonb_array_elements(c.skills) s
     where c.consent_searchable and c.status = 'active' and s->>'skillId' = any($1::text[])`,
    [targets.map((t) => t.skillId)],
  );
  const relevant = new Map<string, Set<string>>();
  for (const r of rows) relevant.set(r.skill_id, (relevant.get(r.skill_id) ?? new Set()).add(r.id));

  const fullText = async (cfg: FullTextConfig, q: string) => {
    const res = await db.query<{ id: string }>(
      `select id from ${SCRATCH}.skill_text, plainto_tsquery('${cfg}', $1) q
       where ${cfg} @@ q order by ts_rank(${cfg}, q) desc, id limit ${RECALL_K}`,
      [q],
    );
    return res.rows.map((r) => r.id);
  };
  const recallOf = (found: string[], rel: Set<string>) =>
    found.filter((id) => rel.has(id)).length / Math.min(rel.size, RECALL_K);

  const perQuery: {
    kind: 'synonym' | 'typo';
    skill: string;
    q: string;
    relevant: number;
    ours: number;
    english: number;
    simple: number;
  }[] = [];
  for (const t of targets) {
    const rel = relevant.get(t.skillId)!;
    for (const [kind, q] of [
      ['synonym', t.synonym],
      ['typo', t.typo],
    ] as const) {
      const ours = await gatewaySearch(ctx, { q, limit: String(RECALL_K) });
      perQuery.push({
        kind,
        skill: tax.preferred.get(t.skillId)!,
        q,
        relevant: rel.size,
        ours: recallOf(
          ours.items.map((h) => h.id),
          rel,
        ),
        english: recallOf(await fullText('english', q), rel),
        simple: recallOf(await fullText('simple', q), rel),
      });
    }
  }
  await db.query(`drop table ${SCRATCH}.skill_text`);
  const means = (kind: 'synonym' | 'typo') => {
    const qs = perQuery.filter((p) => p.kind === kind);
    return {
      queries: qs.length,
      ours: mean(qs.map((p) => p.ours)),
      english: mean(qs.map((p) => p.english)),
      simple: mean(qs.map((p) => p.simple)),
    };
  };
  return { targets: targets.length, synonyms: means('synonym'), typos: means('typo'), perQuery };
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
