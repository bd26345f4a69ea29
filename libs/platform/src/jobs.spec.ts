import pino from 'pino';
import { jobId } from '@brobygger/contracts';
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
      /handlers \[candidate.changed\] do not match the catalogue \[candidate.changed, opening.changed\]/,
    );
  });

  it('refuses a handler for a job of another queue', () => {
    const handlers = {
      'match.notify': async () => {},
      'candidate.index': async () => {},
    } as unknown as JobHandlers<'notifications'>;
    expect(() => startWorker('notifications', handlers, opts)).toThrow(/do not match the catalogue/);
  });

  it('builds job ids without ":" (BullMQ reserves it)', () => {
    expect(jobId('cidx', 'abc', 3)).toBe('cidx.abc.3');
    expect(() => jobId('a:b')).toThrow(/may not contain ':'/);
  });
});
