import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import {
  jobId,
  type CandidateMatchingFeatures,
  type CandidateSearchHit,
  type CandidateSearchQueryDto,
  type CandidateView,
  type CreateCandidateDto,
  type Page,
} from '@brobygger/contracts';
import { addToOutbox, OutboxRelay } from '@brobygger/persistence';
import { type CandidateDocument } from '@brobygger/search';
import { Candidate } from './candidate.entity';
import { toCandidateView, toMatchingFeatures } from './candidate.mapper';
import { CandidateSearchIndex } from './candidate-search.index';

@Injectable()
export class CandidatesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly relay: OutboxRelay,
    private readonly index: CandidateSearchIndex,
  ) {}

  async create(dto: CreateCandidateDto): Promise<CandidateView> {
    const candidate = await this.orm.em.fork().transactional(async (em) => {
      const c = em.create(Candidate, {
        fullName: dto.fullName,
        email: dto.email ?? null,
        phone: dto.phone ?? null,
        preferredLanguage: dto.preferredLanguage,
        municipality: dto.municipality ?? null,
        skills: dto.skills.map((s) => ({ label: s.label.trim(), ...(s.level ? { level: s.level } : {}) })),
        consentSearchable: dto.consent.searchable,
        consentShareWithEmployers: dto.consent.shareWithEmployers,
        consentNotifyInApp: dto.consent.notifyInApp,
      });
      await em.flush();
      this.announceChange(em, c);
      return c;
    });
    this.relay.nudge();
    return toCandidateView(candidate);
  }

  async get(id: string): Promise<CandidateView> {
    return toCandidateView(await this.orm.em.fork().getRepository(Candidate).getById(id));
  }

  /** What matching may read; null once the candidate is erased, so matching drops them. */
  async matchingFeatures(id: string): Promise<CandidateMatchingFeatures | null> {
    const c = await this.orm.em.fork().findOne(Candidate, { id });
    return c ? toMatchingFeatures(c) : null;
  }

  async search(query: CandidateSearchQueryDto): Promise<Page<CandidateSearchHit>> {
    const res = await this.index.search(query.q, query.limit, query.offset);
    return {
      items: res.hits.map((h: CandidateDocument) => ({
        id: h.id,
        fullName: h.fullName,
        ...(h.municipality ? { municipality: h.municipality } : {}),
        skills: h.skills,
      })),
      total: res.total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * Job handler: make the search document match the database, whatever happened in between. Two jobs for
   * one candidate can run at once and Meilisearch applies their writes in arrival order, so an older state
   * could land last. Each job therefore checks after its write and writes again until the version it wrote
   * is still the current one: the last job to finish always leaves the current state.
   */
  async syncSearchDocument(candidateId: string): Promise<void> {
    for (let written: number | null | undefined; ;) {
      const c = await this.orm.em.fork().findOne(Candidate, { id: candidateId });
      const current = c ? c.version : null;
      if (written !== undefined && written === current) return;
      if (c?.searchable) await this.index.upsert(c);
      else await this.index.remove(candidateId);
      written = current;
    }
  }

  /** Every change to a candidate reaches search and matching through the outbox, in the same transaction. */
  private announceChange(em: EntityManager, c: Candidate): void {
    addToOutbox(
      em,
      { name: 'candidate.index', data: { candidateId: c.id } },
      { jobId: jobId('cidx', c.id, c.version) },
    );
    addToOutbox(
      em,
      { name: 'candidate.changed', data: { candidateId: c.id, version: c.version } },
      { jobId: jobId('cchg', c.id, c.version) },
    );
  }
}
