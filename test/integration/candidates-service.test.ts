import type { INestMicroservice } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import pino from 'pino';
import { Meilisearch } from 'meilisearch';
import { CandidatesModule } from '../../apps/candidates/src/candidates.module';
import { candidatesEnv } from '../../apps/candidates/src/config';
import {
  NotFound,
  Patterns,
  ValidationFailed,
  type CandidateMatchingFeatures,
  type CandidateSearchHit,
  type CandidateView,
  type Page,
} from '@brobygger/contracts';
import {
  bootstrapRpcService,
  bullPrefix,
  redisOptions,
  loadConfig,
  PrefixedRedisClient,
  requestContext,
  RpcCaller,
  rpcChannelPrefix,
  transportOptions,
} from '@brobygger/platform';
import { eventually, isolate, newCandidate, type Isolation } from '@brobygger/testing';

/** The candidates service in-process, called over the real Redis transport as the gateway calls it. */
describe('candidates service over RPC', () => {
  let iso: Isolation;
  let app: INestMicroservice;
  let client: PrefixedRedisClient;
  let rpc: RpcCaller;
  let db: Client;

  beforeAll(async () => {
    iso = await isolate();
    const config = loadConfig(candidatesEnv, {
      DATABASE_URL: iso.databaseUrl,
      REDIS_URL: iso.redisUrl,
      REDIS_PREFIX: iso.redisPrefix,
      MEILI_URL: iso.meiliUrl,
      MEILI_MASTER_KEY: iso.meiliKey,
      MEILI_INDEX_PREFIX: iso.meiliPrefix,
      OUTBOX_POLL_MS: '100',
    });
    const logger = pino({ level: 'silent' });
    app = await bootstrapRpcService('candidates', CandidatesModule.forRoot(config, logger), config, logger);
    client = new PrefixedRedisClient(rpcChannelPrefix(iso.redisPrefix), transportOptions(iso.redisUrl));
    await client.connect();
    rpc = new RpcCaller(client, 10_000);
    db = new Client({ connectionString: iso.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await client?.close();
    await app?.close();
  });

  const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);

  it('stores the candidate and its two outbox events in one transaction, then indexes it', async () => {
    const view = await requestContext.run({ requestId: 'req-create-1' }, () =>
      rpc.call<CandidateView>(Patterns.candidates.create, newCandidate({ skills: [{ label: 'Sveising' }] })),
    );
    expect(view.version).toBe(1);
    const meili = new Meilisearch({ host: iso.meiliUrl, apiKey: iso.meiliKey });
    const doc = await eventually(
      () =>
        meili
          .index(`${iso.meiliPrefix}candidates`)
          .getDocument(view.id)
          .catch(() => undefined),
      { what: 'the search document' },
    );
    expect(doc).toMatchObject({ id: view.id, skills: ['Sveising'] });
    expect(doc).not.toHaveProperty('email');
    // The relay has moved both events out of the outbox.
    await eventually(async () => (await count('select count(*) as n from candidates.outbox')) === 0);
  });

  it('finds a candidate with a typo, and not one who withheld search consent', async () => {
    const visible = await rpc.call<CandidateView>(
      Patterns.candidates.create,
      newCandidate({ skills: [{ label: 'carpentry' }] }),
    );
    const hidden = await rpc.call<CandidateView>(
      Patterns.candidates.create,
      newCandidate({
        skills: [{ label: 'carpentry' }],
        consent: { searchable: false, shareWithEmployers: false, notifyInApp: false },
      }),
    );
    const search = () =>
      rpc.call<Page<CandidateSearchHit>>(Patterns.candidates.search, {
        q: 'carpentyr',
        limit: 20,
        offset: 0,
      });
    await eventually(async () => (await search()).items.some((h) => h.id === visible.id), {
      what: 'search hit',
    });
    // Only once every index job has run can the absence of the other candidate mean anything.
    const queue = new Queue('search-index', {
      connection: redisOptions(iso.redisUrl),
      prefix: bullPrefix(iso.redisPrefix),
    });
    try {
      await eventually(async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed');
        return c.waiting + c.active + c.delayed === 0;
      });
    } finally {
      await queue.close();
    }
    expect((await search()).items.map((h) => h.id)).not.toContain(hidden.id);
  });

  it('rejects an invalid payload naming each field, and writes nothing', async () => {
    const before = await count('select count(*) as n from candidates.candidate');
    const err = await rpc
      .call(Patterns.candidates.create, { ...newCandidate(), preferredLanguage: 'Norwegian', skills: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect((err as ValidationFailed).fields?.map((f) => f.field).sort()).toEqual([
      'preferredLanguage',
      'skills',
    ]);
    expect(await count('select count(*) as n from candidates.candidate')).toBe(before);
  });

  it('a domain error crosses the transport as the same class', async () => {
    const err = await rpc
      .call(Patterns.candidates.get, { id: '00000000-0000-4000-8000-000000000000' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFound);
  });

  it('gives matching features without name or contact details', async () => {
    const view = await rpc.call<CandidateView>(
      Patterns.candidates.create,
      newCandidate({ email: 'a@example.org', phone: '+4791234567' }),
    );
    const features = await rpc.call<CandidateMatchingFeatures>(Patterns.candidates.matchingFeatures, {
      id: view.id,
    });
    expect(Object.keys(features).sort()).toEqual([
      'candidateId',
      'matchable',
      'notifyInApp',
      'skills',
      'version',
    ]);
  });
});
