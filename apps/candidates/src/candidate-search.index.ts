import { Inject, Injectable } from '@nestjs/common';
import type { Meilisearch } from 'meilisearch';
import { CONFIG } from '@brobygger/platform';
import {
  CANDIDATE_INDEX_SETTINGS,
  CANDIDATES_INDEX,
  ensureIndex,
  indexUid,
  settled,
  type CandidateDocument,
} from '@brobygger/search';
import type { Candidate } from './candidate.entity';
import { toCandidateDocument } from './candidate.mapper';
import type { CandidatesConfig } from './config';

export const MEILI = Symbol('MEILI');

/** The candidates index in Meilisearch. Every write waits for its task to succeed, or throws. */
@Injectable()
export class CandidateSearchIndex {
  private readonly uid: string;

  constructor(
    @Inject(MEILI) private readonly meili: Meilisearch,
    @Inject(CONFIG) config: CandidatesConfig,
  ) {
    this.uid = indexUid(config.MEILI_INDEX_PREFIX, CANDIDATES_INDEX);
  }

  async ensure(): Promise<void> {
    await ensureIndex(this.meili, this.uid, 'id', CANDIDATE_INDEX_SETTINGS);
  }

  async upsert(c: Candidate): Promise<void> {
    await settled(this.meili.index<CandidateDocument>(this.uid).addDocuments([toCandidateDocument(c)]));
  }

  async remove(id: string): Promise<void> {
    await settled(this.meili.index(this.uid).deleteDocument(id));
  }

  async search(
    q: string,
    limit: number,
    offset: number,
  ): Promise<{ hits: CandidateDocument[]; total: number }> {
    const res = await this.meili.index<CandidateDocument>(this.uid).search(q, { limit, offset });
    return { hits: res.hits, total: res.estimatedTotalHits ?? res.hits.length };
  }
}
