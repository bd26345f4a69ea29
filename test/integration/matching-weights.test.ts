import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { bullPrefix, redisOptions } from '@brobygger/platform';
import { DEFAULT_WEIGHTS } from '@brobygger/scoring';
import { eventually, isolate, scoringOpening, type Isolation } from '@brobygger/testing';
import { startMatchingService } from './support/services';

/** New weights mean the stored matches were scored with old ones: matching rescores everything, once. */
describe('matching rescores everything when the weights version changes', () => {
  let iso: Isolation;
  let db: Client;
  let queue: Queue;

  beforeAll(async () => {
    iso = await isolate();
    db = new Client({ connectionString: iso.databaseUrl });
    await db.connect();
    queue = new Queue('matching', {
      connection: redisOptions(iso.redisUrl),
      prefix: bullPrefix(iso.redisPrefix),
    });
  });
  afterAll(async () => {
    await queue?.close();
    await db?.end();
  });

  it('queues a rescoring of every published opening at boot, and not again for the same version', async () => {
    const published = randomUUID();
    const closed = randomUUID();
    const requirements = JSON.stringify(scoringOpening([]));
    for (const [id, status] of [
      [published, 'published'],
      [closed, 'closed'],
    ]) {
      await db.query(
        `insert into matching.opening_profile (opening_id, employer_id, version, status, title, requirements, display, updated_at)
         values ($1, $2, 1, $3, 'Cook', $4, '{}', now())`,
        [id, randomUUID(), status, requirements],
      );
    }
    await db.query(
      `insert into matching.scoring_state (key, value, updated_at) values ('weights', 'w1', now())`,
    );

    // No employers service here: the fanned-out jobs fail fast and stay visible, which is all this needs.
    const app = await startMatchingService(iso, { RPC_TIMEOUT_MS: '200' });
    try {
      const fanned = await eventually(
        async () => {
          const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
          const ids = jobs.map((j) => j.id ?? '');
          return ids.some((id) => id.startsWith(`ochg.${published}.all.`)) ? ids : undefined;
        },
        { what: 'the rescoring of the published opening' },
      );
      expect(fanned.some((id) => id.startsWith(`rescore-all.${DEFAULT_WEIGHTS.version}.`))).toBe(true);
      expect(fanned.some((id) => id.includes(closed))).toBe(false);
      const state = await db.query<{ value: string }>(
        `select value from matching.scoring_state where key = 'weights'`,
      );
      expect(state.rows[0].value).toBe(DEFAULT_WEIGHTS.version);
    } finally {
      await app.close();
    }

    // Booting again with the same weights queues nothing: the recorded state is not even touched.
    const stamp = async () =>
      (
        await db.query<{ at: Date }>(
          `select updated_at as at from matching.scoring_state where key = 'weights'`,
        )
      ).rows[0].at.getTime();
    const before = await stamp();
    const again = await startMatchingService(iso, { RPC_TIMEOUT_MS: '200' });
    try {
      expect(await stamp()).toBe(before);
    } finally {
      await again.close();
    }
  });
});
