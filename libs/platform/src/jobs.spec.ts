import pino from 'pino';
import { jobId, RETRY_POLICY, retryDelayMs } from '@brobygger/contracts';
import { startWorker, type JobHandlers } from './jobs';

const opts = {
  redisUrl: 'redis://127.0.0.1:1',
  redisPrefix: 'x',
  concurrency: 1,
  logger: pino({ level: 'silent' }),
};

describe('the job catalogue at boot', () => {
  it('refuses a worker missing a handler for one of its queue’s jobs', () => {
    const handlers = { 'candidate.changed': async () => {} } as unknown as JobHandlers<'matching'>;
    expect(() => startWorker('matching', handlers, opts)).toThrow(
      /handlers \[candidate.changed\] do not match the catalogue \[candidate.changed, matching.rescore-all, opening.changed, opening.score-chunk\]/,
    );
  });

  it('refuses a handler for a job of another queue', () => {
    const handlers = {
      'match.notify': async () => {},
      'candidate.index': async () => {},
    } as unknown as JobHandlers<'notifications'>;
    expect(() => startWorker('notifications', handlers, opts)).toThrow(/do not match the catalogue/);
  });

  it('retries with doubling delays up to the cap', () => {
    const policy = { attempts: 50, backoffMs: 1_000, maxBackoffMs: 60_000 };
    expect([1, 2, 3, 6, 7, 40].map((n) => retryDelayMs(policy, n))).toEqual([
      1_000, 2_000, 4_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('each queue retries for hours before giving up', () => {
    for (const policy of Object.values(RETRY_POLICY)) {
      let total = 0;
      for (let n = 1; n < policy.attempts; n++) total += retryDelayMs(policy, n);
      expect(total).toBeGreaterThan(3 * 3600_000);
    }
  });

  it('builds job ids without ":" (BullMQ reserves it)', () => {
    expect(jobId('cidx', 'abc', 3)).toBe('cidx.abc.3');
    expect(() => jobId('a:b')).toThrow(/may not contain ':'/);
  });
});
