import { Inject, Injectable } from '@nestjs/common';
import {
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type Meilisearch,
  type SearchResponse,
} from 'meilisearch';
import { ServiceUnavailable } from '@brobygger/contracts';
import { CONFIG } from '@brobygger/platform';
import {
  CANDIDATE_INDEX_SETTINGS,
  CANDIDATES_INDEX,
  ensureIndex,
  indexUid,
  settled,
  type CandidateDocument,
} from '@brobygger/search';
import type { CandidatesConfig } from './config';
import type { MeiliQuery } from './candidate-search.query';

export const MEILI = Symbol('MEILI');

/** How long a write waits for others to share its Meilisearch task, and how many may share one. */
const BATCH_WAIT_MS = 10;
const BATCH_MAX = 2_000;
const PAGE = 10_000;

interface Pending {
  upserts: Map<string, CandidateDocument>;
  deletes: Set<string>;
  done: Promise<void>;
}

/**
 * The candidates index in Meilisearch. Every write waits for its task to succeed, or throws (a 202 is only
 * "enqueued"). Writes arriving within a few milliseconds of each other share one task: Meilisearch's cost is
 * per task far more than per document, so a burst of index jobs costs a few tasks, not one each.
 */
@Injectable()
export class CandidateSearchIndex {
  readonly uid: string;
  private pending?: Pending;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    @Inject(MEILI) private readonly meili: Meilisearch,
    @Inject(CONFIG) config: CandidatesConfig,
  ) {
    this.uid = indexUid(config.MEILI_INDEX_PREFIX, CANDIDATES_INDEX);
  }

  async ensure(uid = this.uid): Promise<void> {
    await ensureIndex(this.meili, uid, 'id', CANDIDATE_INDEX_SETTINGS);
  }

  upsert(doc: CandidateDocument): Promise<void> {
    const p = this.batch();
    p.deletes.delete(doc.id);
    p.upserts.set(doc.id, doc);
    return p.done;
  }

  remove(id: string): Promise<void> {
    const p = this.batch();
    p.upserts.delete(id);
    p.deletes.add(id);
    return p.done;
  }

  /**
   * The batch that new writes join. Batches are written one after another: while one is with Meilisearch,
   * the next fills up, so the batch size follows Meilisearch's pace (each task costs it about the same
   * whether it holds five documents or five hundred).
   */
  private batch(): Pending {
    if (this.pending && this.pending.upserts.size + this.pending.deletes.size < BATCH_MAX)
      return this.pending;
    const p = { upserts: new Map(), deletes: new Set() } as Pending;
    p.done = this.tail
      .then(() => new Promise<void>((resolve) => setTimeout(resolve, BATCH_WAIT_MS)))
      .then(async () => {
        if (this.pending === p) this.pending = undefined;
        await this.write(this.uid, [...p.upserts.values()], [...p.deletes]);
      });
    // Each caller awaits `done` and sees its failure; the next batch goes ahead either way.
    this.tail = p.done.catch(() => undefined);
    this.pending = p;
    return this.pending;
  }

  private async write(uid: string, upserts: CandidateDocument[], deletes: string[]): Promise<void> {
    const index = this.meili.index<CandidateDocument>(uid);
    await Promise.all([
      upserts.length ? settled(index.addDocuments(upserts)) : undefined,
      deletes.length ? settled(index.deleteDocuments(deletes)) : undefined,
    ]);
  }

  async search(q: MeiliQuery): Promise<SearchResponse<CandidateDocument>> {
    try {
      return await this.meili.index<CandidateDocument>(this.uid).search(q.q, {
        filter: q.filter,
        ...(q.sort ? { sort: q.sort } : {}),
        facets: q.facets,
        limit: q.limit,
        offset: q.offset,
      });
    } catch (err) {
      // Meilisearch unreachable is a 503 the user can retry, not a 500 with an error id.
      if (err instanceof MeilisearchRequestError || err instanceof MeilisearchRequestTimeOutError) {
        throw new ServiceUnavailable('candidate search is unavailable right now; try again shortly');
      }
      throw err;
    }
  }

  /** Every document's id and version, for drift checks. */
  async versions(uid = this.uid): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let offset = 0; ; offset += PAGE) {
      const res = await this.meili
        .index<CandidateDocument>(uid)
        .getDocuments<Pick<CandidateDocument, 'id' | 'version'>>({
          fields: ['id', 'version'],
          limit: PAGE,
          offset,
        });
      for (const d of res.results) out.set(d.id, d.version);
      if (res.results.length < PAGE) return out;
    }
  }

  /** Writes straight to an index (a rebuild's or a repair's), in one task per call. */
  async writeNow(upserts: CandidateDocument[], deletes: string[], uid = this.uid): Promise<void> {
    await this.write(uid, upserts, deletes);
  }

  /** Replaces the live index with `next` atomically, then drops the old one. */
  async swapIn(next: string): Promise<void> {
    await this.ensure(); // swapping needs both to exist (a first rebuild has no live index yet)
    await settled(this.meili.swapIndexes([{ indexes: [this.uid, next], rename: false }]));
    await settled(this.meili.deleteIndex(next));
  }

  async drop(uid: string): Promise<void> {
    await settled(this.meili.deleteIndex(uid)).catch(() => undefined);
  }
}
