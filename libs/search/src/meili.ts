import { Meilisearch, type EnqueuedTaskPromise, type Settings, type Task } from 'meilisearch';

export function createMeili(url: string, apiKey: string): Meilisearch {
  return new Meilisearch({ host: url, apiKey });
}

export class SearchTaskFailed extends Error {}

/**
 * Waits until Meilisearch has applied a task. A 202 only means "enqueued"; the write is real when the task
 * reports `succeeded`. Task times vary a lot on small machines, so the wait is generous.
 */
export async function settled(task: EnqueuedTaskPromise, timeoutMs = 60_000): Promise<Task> {
  const done = await task.waitTask({ timeout: timeoutMs, interval: 25 });
  if (done.status !== 'succeeded') {
    throw new SearchTaskFailed(
      `Meilisearch task ${done.uid} (${done.type}) ${done.status}: ${done.error?.message ?? 'no reason given'}`,
    );
  }
  return done;
}

/** Creates the index if needed and applies its settings; safe to call at every boot. */
export async function ensureIndex(
  client: Meilisearch,
  uid: string,
  primaryKey: string,
  settings: Settings,
): Promise<void> {
  const exists = await client
    .getIndex(uid)
    .then(() => true)
    .catch(() => false);
  if (!exists) await settled(client.createIndex(uid, { primaryKey }));
  await settled(client.index(uid).updateSettings(settings));
}

/** Index names carry the deployment's prefix so test runs and environments can share one server. */
export function indexUid(prefix: string, base: string): string {
  return `${prefix}${base}`;
}
