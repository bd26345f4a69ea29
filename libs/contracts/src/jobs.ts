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
export const QUEUES = ['search-index', 'matching', 'notifications', 'openings'] as const;
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
  /**
   * Score one opening (at this version) against the matchable candidates with ids in [from, to); a missing
   * bound is open. `opening.changed` fans out into these so several worker processes share the work.
   */
  'opening.score-chunk': {
    queue: 'matching';
    payload: { openingId: string; version: number; from?: string; to?: string };
  };
  /**
   * A published opening's application deadline has passed: close it. Enqueued delayed when the opening is
   * published (and again when the deadline moves); the handler checks the deadline in the database, so an
   * outdated job does nothing.
   */
  'opening.deadline': { queue: 'openings'; payload: { openingId: string; deadline: string } };
  /**
   * Score every published opening again (the weights or the taxonomy changed). Fans out into one
   * `opening.changed` per opening, so the work is shared like any other scoring.
   */
  'matching.rescore-all': { queue: 'matching'; payload: { reason: string } };
  /** A stored match crossed the notify threshold: tell the candidate (once per candidate and opening). */
  'match.notify': { queue: 'notifications'; payload: { matchId: string } };
  /**
   * Send one e-mail or SMS (a notification, or a day's digest). Enqueued through the outbox with the
   * delivery row, delayed past quiet hours or until the digest hour; the row says whether it is still due.
   */
  'notification.deliver': { queue: 'notifications'; payload: { deliveryId: string } };
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
  'opening.score-chunk': 'matching',
  'matching.rescore-all': 'matching',
  'match.notify': 'notifications',
  'notification.deliver': 'notifications',
  'opening.deadline': 'openings',
};

export interface RetryPolicy {
  attempts: number;
  /** First delay; each retry doubles it... */
  backoffMs: number;
  /** ...up to this. */
  maxBackoffMs: number;
}

/**
 * Retry policy per queue, set once. Handlers throw to retry; they never catch-and-log. A job depends on
 * other services (Meilisearch, an RPC to the owner of the data), so each queue retries long enough to ride
 * out an outage of hours, not minutes: after its last attempt the job sits in the failed set under its
 * fixed id, where adding it again does nothing. With delays doubling from the first to the cap:
 * search-index and matching ~1 + 40 × 5 min ≈ 3.5 h; notifications ≈ 7 h.
 */
export const RETRY_POLICY: Record<QueueName, RetryPolicy> = {
  'search-index': { attempts: 50, backoffMs: 500, maxBackoffMs: 5 * 60_000 },
  matching: { attempts: 50, backoffMs: 1_000, maxBackoffMs: 5 * 60_000 },
  notifications: { attempts: 50, backoffMs: 2_000, maxBackoffMs: 10 * 60_000 },
  openings: { attempts: 50, backoffMs: 1_000, maxBackoffMs: 5 * 60_000 },
};

/** Delay before retry number `attemptsMade` (1-based) under a policy: doubling, capped. */
export function retryDelayMs(policy: RetryPolicy, attemptsMade: number): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, attemptsMade - 1));
}

/** BullMQ job ids may not contain ':'; they are built from parts joined with '.'. */
export function jobId(...parts: (string | number)[]): string {
  const id = parts.join('.');
  if (id.includes(':')) throw new Error(`job id may not contain ':' (${id})`);
  return id;
}
