import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls until `probe` returns something other than undefined/false, for asynchronous effects (a job ran, a
 * document was indexed). Fails with the last value seen, so a timeout says what state things were in.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const until = Date.now() + (opts.timeoutMs ?? 30_000);
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    await sleep(opts.intervalMs ?? 100);
  }
  throw new Error(`timed out waiting for ${opts.what ?? 'condition'}; last: ${String(last)}`);
}
