/**
 * The closed catalogue of durable work. Every job name maps to exactly one queue and one payload type; each
 * queue's worker must register exactly one handler per job of that queue (checked by the type system and
 * again at boot).
 *
 * Queue and job names are data already sitting in Redis. Renaming one strands the jobs queued under the old
 * name: add the new name, drain the old queue with a worker for both, then remove the old one.
 *
 * Payloads carry ids and versions, never entities or personal data: a worker reloads what it needs, and an
 * erased person leaves nothing readable behind in Redis.
 */
export const QUEUES = ['search-index', 'matching', 'notifications'] as const;
export type QueueName = (typeof QUEUES)[number];

/** Carried in every job so logs of a job line up with the HTTP request that caused it. */
export interface JobMeta {
  requestId?: string;
}

export interface JobCatalogue {
  /** Bring the candidate's search document in line with the database (upsert or delete). */
  'candidate.index': { queue: 'search-index'; payload: { candidateId: string } };
  /** A candidate profile changed (or was erased): refresh matching's read model and rescore. */
  'candidate.changed': { queue: 'matching'; payload: { candidateId: string; version: number } };
  /** An opening was published or its requirements changed: refresh the read model and score all candidates. */
  'opening.changed': { queue: 'matching'; payload: { openingId: string; version: number } };
  /** A stored match crossed the notify threshold: tell the candidate (once per candidate and opening). */
  'match.notify': { queue: 'notifications'; payload: { matchId: string } };
}

export type JobName = keyof JobCatalogue;
export type JobPayload<N extends JobName> = JobCatalogue[N]['payload'] & JobMeta;
export type JobsOf<Q extends QueueName> = {
  [N in JobName]: JobCatalogue[N]['queue'] extends Q ? N : never;
}[JobName];

/** A job as it is enqueued: the union ties each name to its payload. */
export type JobItem = { [N in JobName]: { name: N; data: JobPayload<N> } }[JobName];

export const JOB_QUEUE: { [N in JobName]: JobCatalogue[N]['queue'] } = {
  'candidate.index': 'search-index',
  'candidate.changed': 'matching',
  'opening.changed': 'matching',
  'match.notify': 'notifications',
};

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/**
 * Retry policy per queue, set once. Handlers throw to retry; they never catch-and-log. Search indexing
 * retries long enough to ride out a Meilisearch outage of several minutes (1s doubling, capped by BullMQ's
 * attempts: about 17 minutes in total).
 */
export const RETRY_POLICY: Record<QueueName, RetryPolicy> = {
  'search-index': { attempts: 12, backoffMs: 500 },
  matching: { attempts: 8, backoffMs: 1_000 },
  notifications: { attempts: 8, backoffMs: 2_000 },
};

/** BullMQ job ids may not contain ':'; they are built from parts joined with '.'. */
export function jobId(...parts: (string | number)[]): string {
  const id = parts.join('.');
  if (id.includes(':')) throw new Error(`job id may not contain ':' (${id})`);
  return id;
}
