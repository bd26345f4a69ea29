import { createServer, connect, type Server, type Socket } from 'node:net';
import type { INestMicroservice } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { Client } from 'pg';
import { Patterns, type CandidateView } from '@brobygger/contracts';
import { requestContext, type RpcCaller } from '@brobygger/platform';
import { eventually, freePort, isolate, newCandidate, type Isolation } from '@brobygger/testing';
import { CandidatesService } from '../../apps/candidates/src/candidates.service';
import { rpcClient, startCandidatesService, startTaxonomyService } from './support/services';

/**
 * A TCP proxy in front of the real Meilisearch that can be switched off: connections in flight are cut and
 * new ones refused, as when the Meilisearch host goes away, and switched on again on the same port.
 */
class SwitchableProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: URL,
  ) {}

  up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    return new Promise((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('candidates index kept in step with PostgreSQL', () => {
  let iso: Isolation;
  let taxonomy: INestMicroservice;
  let app: INestMicroservice;
  let proxy: SwitchableProxy;
  let rpc: RpcCaller;
  let closeRpc: () => Promise<void>;
  let meili: Meilisearch;
  let db: Client;

  beforeAll(async () => {
    iso = await isolate();
    taxonomy = await startTaxonomyService(iso);
    proxy = new SwitchableProxy(await freePort(), new URL(iso.meiliUrl));
    await proxy.up();
    app = await startCandidatesService(iso, { MEILI_URL: `http://127.0.0.1:${proxy.port}` });
    ({ rpc, close: closeRpc } = await rpcClient(iso));
    meili = new Meilisearch({ host: iso.meiliUrl, apiKey: iso.meiliKey });
    db = new Client({ connectionString: iso.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await closeRpc?.();
    await app?.close();
    await proxy?.down();
    await taxonomy?.close();
  });

  const staff = { sub: 'staff-1', role: 'staff' as const };
  const create = (o: Parameters<typeof newCandidate>[0] = {}) =>
    requestContext.run({ requestId: 'r', actor: staff }, () =>
      rpc.call<CandidateView>(Patterns.candidates.create, newCandidate(o)),
    );
  const indexed = (id: string) =>
    meili
      .index(`${iso.meiliPrefix}candidates`)
      .getDocument(id)
      .then((d) => d as { version: number })
      .catch(() => undefined);
  const service = () => app.get(CandidatesService);

  it('Meilisearch away for a minute: writes still succeed, and the index catches up afterwards', async () => {
    const before = await create();
    await eventually(() => indexed(before.id), { what: 'first document' });

    await proxy.down();
    const during = [await create(), await create(), await create()];
    const changed = await requestContext.run({ requestId: 'r', actor: staff }, () =>
      rpc.call<CandidateView>(Patterns.candidates.update, {
        id: before.id,
        patch: { version: 1, fullName: 'Renamed' },
      }),
    );
    expect(changed.version).toBe(2);
    const erased = during[2];
    await requestContext.run({ requestId: 'r', actor: staff }, () =>
      rpc.call(Patterns.candidates.erase, { id: erased.id }),
    );
    // Writes are in PostgreSQL; nothing reached the index.
    expect(await indexed(during[0].id)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 60_000));
    await proxy.up();

    await eventually(
      async () =>
        Boolean((await indexed(during[0].id)) && (await indexed(during[1].id))) &&
        (await indexed(before.id))?.version === 2 &&
        !(await indexed(erased.id)),
      { what: 'the index to catch up', timeoutMs: 120_000 },
    );
    expect(await service().checkDrift(false)).toMatchObject({ missing: 0, stale: 0, extra: 0 });
  }, 300_000);

  it('search:check finds drift and --fix repairs it', async () => {
    const a = await create();
    const b = await create();
    await eventually(async () => Boolean((await indexed(a.id)) && (await indexed(b.id))));
    // Drift of each kind, made behind the service's back.
    await meili.index(`${iso.meiliPrefix}candidates`).deleteDocument(a.id).waitTask();
    await db.query('update candidates.candidate set version = version + 1 where id = $1', [b.id]);
    await meili
      .index(`${iso.meiliPrefix}candidates`)
      .addDocuments([{ id: '00000000-0000-4000-8000-00000000dead', version: 1 }])
      .waitTask();
    expect(await service().checkDrift(false)).toMatchObject({ missing: 1, stale: 1, extra: 1 });
    await service().checkDrift(true);
    expect(await service().checkDrift(false)).toMatchObject({ missing: 0, stale: 0, extra: 0 });
  });

  it('search:reindex rebuilds into a new index and swaps it in, search answering throughout', async () => {
    const c = await create({ skills: [{ text: 'operate forklift' }] });
    await eventually(() => indexed(c.id));
    const uid = `${iso.meiliPrefix}candidates`;
    const before = await meili.index(uid).getStats();

    let searching = true;
    let failures = 0;
    const searches = (async () => {
      while (searching) {
        await requestContext
          .run({ requestId: 'r', actor: staff }, () =>
            rpc.call(Patterns.candidates.search, { q: 'forklift', limit: 5, offset: 0 }),
          )
          .catch(() => failures++);
      }
    })();
    const res = await service().reindex(() => undefined);
    searching = false;
    await searches;

    expect(failures).toBe(0);
    expect(res.documents).toBe(before.numberOfDocuments);
    expect((await meili.getIndexes({ limit: 1000 })).results.map((i) => i.uid)).not.toContain(`${uid}-next`);
    expect(await service().checkDrift(false)).toMatchObject({ missing: 0, stale: 0, extra: 0 });
  });
});
