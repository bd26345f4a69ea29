import { spawn } from 'node:child_process';
import { MikroORM } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import pino from 'pino';
import { addToOutbox, OutboxMessage, OutboxRelay, serviceOrmConfig } from '@brobygger/persistence';
import { bullPrefix, ENQUEUE_TIMEOUT_MS, JobQueues, redisOptions, requestContext } from '@brobygger/platform';
import { eventually, freePort, isolate, type Isolation } from '@brobygger/testing';

/** The outbox against real PostgreSQL and BullMQ: nothing is lost on a crash, nothing is queued twice. */
describe('outbox relay', () => {
  let iso: Isolation;
  let orm: MikroORM;
  let queues: JobQueues;
  let matching: Queue;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    iso = await isolate();
    // The candidates schema has an outbox table; any service's would do.
    orm = await MikroORM.init(
      serviceOrmConfig({
        databaseUrl: iso.databaseUrl,
        schema: 'candidates',
        entities: [],
        migrationsPath: '.',
      }),
    );
    queues = JobQueues.fromUrl(iso.redisUrl, iso.redisPrefix);
    matching = new Queue('matching', {
      connection: redisOptions(iso.redisUrl),
      prefix: bullPrefix(iso.redisPrefix),
    });
  });
  afterAll(async () => {
    await matching?.close();
    await queues?.close();
    await orm?.close();
  });
  beforeEach(async () => {
    await matching.obliterate({ force: true });
    await orm.em.fork().nativeDelete(OutboxMessage, {});
  });

  const relay = () => new OutboxRelay(orm, queues, logger, 60_000);
  const change = (version: number) =>
    ({ name: 'candidate.changed', data: { candidateId: 'c1', version } }) as const;

  it('queues nothing when the transaction rolls back', async () => {
    await expect(
      orm.em.fork().transactional(async (em) => {
        addToOutbox(em, change(1), { jobId: 'cchg.c1.1' });
        await em.flush();
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await relay().drain()).toBe(0);
    expect(await matching.getJobCounts('waiting')).toEqual({ waiting: 0 });
  });

  it('a row left by a crash is queued by the next relay, once, with the request id of its cause', async () => {
    await requestContext.run({ requestId: 'req-outbox-1' }, () =>
      orm.em.fork().transactional(async (em) => {
        addToOutbox(em, change(1), { jobId: 'cchg.c1.1' });
        await Promise.resolve();
      }),
    );
    // No relay ran: as if the process died right after commit. A fresh one finds the row.
    expect(await relay().drain()).toBe(1);
    expect(await orm.em.fork().count(OutboxMessage)).toBe(0);
    const job = await matching.getJob('cchg.c1.1');
    expect(job?.name).toBe('candidate.changed');
    expect(job?.data).toEqual({ candidateId: 'c1', version: 1, requestId: 'req-outbox-1' });
  });

  it('the same job id twice (crash after enqueue, before delete) leaves one job', async () => {
    await orm.em.fork().transactional(async (em) => {
      addToOutbox(em, change(2), { jobId: 'cchg.c1.2' });
      addToOutbox(em, change(2), { jobId: 'cchg.c1.2' });
      await Promise.resolve();
    });
    expect(await relay().drain()).toBe(2);
    expect(await matching.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('keeps the row when Redis goes away, failing fast instead of holding locks in an open transaction', async () => {
    // A Redis of its own, so it can be killed after the relay has connected.
    const port = await freePort();
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
      stdio: 'ignore',
    });
    const own = JobQueues.fromUrl(`redis://127.0.0.1:${port}`, iso.redisPrefix);
    try {
      await eventually(() =>
        own
          .depths()
          .then(() => true)
          .catch(() => false),
      );
      await orm.em.fork().transactional(async (em) => {
        addToOutbox(em, change(3), { jobId: 'cchg.c1.3' });
        await Promise.resolve();
      });
      redis.kill('SIGKILL');
      await new Promise((resolve) => redis.once('exit', resolve));

      const started = Date.now();
      await expect(new OutboxRelay(orm, own, logger, 60_000).drain()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(ENQUEUE_TIMEOUT_MS + 2_000);
      expect(await orm.em.fork().count(OutboxMessage)).toBe(1);
      // The row was not left locked: another relay, with Redis, moves it.
      expect(await relay().drain()).toBe(1);
      expect(await matching.getJob('cchg.c1.3')).toBeDefined();
    } finally {
      redis.kill('SIGKILL');
      await own.close();
    }
  });

  it('two relays draining at once move each row once (SKIP LOCKED)', async () => {
    await orm.em.fork().transactional(async (em) => {
      for (let v = 1; v <= 500; v++) addToOutbox(em, change(v), { jobId: `cchg.c1.${v}` });
      await Promise.resolve();
    });
    const [a, b] = await Promise.all([relay().drain(), relay().drain()]);
    expect(a + b).toBe(500);
    expect(await matching.getJobCounts('waiting')).toEqual({ waiting: 500 });
  });
});
