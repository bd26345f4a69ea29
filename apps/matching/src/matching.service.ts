import { Inject, Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import {
  Forbidden,
  NotFound,
  Patterns,
  jobId,
  type CandidateMatchingFeatures,
  type MatchView,
  type NotificationView,
  type OpeningRequirements,
  type OpeningScoringRequirements,
  type Page,
  type SkillNeighbour,
} from '@brobygger/contracts';
import { addToOutbox } from '@brobygger/persistence';
import { CONFIG, JobQueues, RpcCaller, requestContext, osloToday } from '@brobygger/platform';
import { DEFAULT_WEIGHTS, scoreMatch, type Proximity } from '@brobygger/scoring';
import type { MatchingConfig } from './config';
import { CandidateFeatures, Match, Notification, OpeningProfile } from './entities';
import { MatchRepository, type ScoredPair } from './match.repository';
import { MATCHING_SCHEMA } from './schema';

const CHUNK = 2_000;

/** Candidates see their own matches; staff see anyone's; employers see matches through their openings only. */
function assertMaySeeCandidate(candidateId: string): void {
  const actor = requestContext.get()?.actor;
  if (actor?.role === 'candidate' && actor.candidateId !== candidateId) {
    throw new Forbidden('A candidate sees their own matches only');
  }
  if (actor?.role === 'employer') throw new Forbidden('Employers see matches through their openings');
}

function toMatchView(m: Match): MatchView {
  return {
    id: m.id,
    openingId: m.openingId,
    candidateId: m.candidateId,
    score: m.score,
    explanation: m.explanation,
    weightsVersion: m.weightsVersion,
    openingVersion: m.openingVersion,
    candidateVersion: m.candidateVersion,
    updatedAt: m.updatedAt.toISOString(),
  };
}

@Injectable()
export class MatchingService {
  constructor(
    private readonly orm: MikroORM,
    private readonly rpc: RpcCaller,
    private readonly queues: JobQueues,
    @Inject(CONFIG) private readonly config: MatchingConfig,
  ) {}

  /** Job: a candidate changed. Refresh the read model from the owner, then rescore against open openings. */
  async onCandidateChanged(candidateId: string): Promise<void> {
    const features = await this.rpc.call<CandidateMatchingFeatures | null>(
      Patterns.candidates.matchingFeatures,
      {
        id: candidateId,
      },
    );
    const em = this.orm.em.fork();
    const matches = new MatchRepository(em);
    if (!features) {
      // Erased: every trace of the candidate goes from matching's tables.
      await em.transactional((tx) => new MatchRepository(tx).eraseCandidate(candidateId));
      return;
    }
    // The upsert is committed before openings are read, and the opening job does the same the other way
    // round, so when both run at once at least one of them sees the other: no pair is left unscored.
    if (!(await matches.upsertCandidateFeatures(features))) return; // a newer version's job scores it
    if (!features.matchable) {
      // Paused, placed or archived: recorded with its version (so an older job cannot revive it), unmatched.
      await matches.removeMatchesOf(candidateId);
      return;
    }
    const openings = await em.find(OpeningProfile, { status: 'published' });
    const proximity = await this.proximityFor(openings.map((o) => o.requirements));
    const pairs = openings.map((o) => this.score(o, features, proximity));
    await this.store(pairs);
  }

  /** Job: an opening was published or changed. Refresh its profile, then score every matchable candidate. */
  async onOpeningChanged(openingId: string): Promise<void> {
    const req = await this.rpc.call<OpeningRequirements | null>(Patterns.employers.openingRequirements, {
      id: openingId,
    });
    const em = this.orm.em.fork();
    const matches = new MatchRepository(em);
    if (!req) {
      await matches.removeOpening(openingId);
      return;
    }
    if (!(await matches.upsertOpeningProfile(req))) return; // a newer version's job scores it
    // Not published (any more): no new matches; those already stored stay as the record of who fitted.
    if (req.status !== 'published') return;
    const proximity = await this.proximityFor([req.requirements]);
    // Keyset pagination over the read model, a fresh fork per chunk so the identity map stays small.
    for (let after: string | undefined; ;) {
      const chunk = await this.orm.em
        .fork()
        .find(
          CandidateFeatures,
          after ? { matchable: true, candidateId: { $gt: after } } : { matchable: true },
          { orderBy: { candidateId: 'asc' }, limit: CHUNK },
        );
      if (!chunk.length) break;
      await this.store(chunk.map((c) => this.score(req, c, proximity)));
      after = chunk[chunk.length - 1].candidateId;
      if (chunk.length < CHUNK) break;
    }
  }

  /** Job: a match crossed the notify threshold. At most one in-app notification per candidate and opening. */
  async notify(matchId: string): Promise<void> {
    const em = this.orm.em.fork();
    const match = await em.findOne(Match, { id: matchId });
    if (!match || match.score < this.config.MATCH_NOTIFY_THRESHOLD) return;
    const [opening, candidate] = await Promise.all([
      em.findOne(OpeningProfile, { openingId: match.openingId }),
      em.findOne(CandidateFeatures, { candidateId: match.candidateId }),
    ]);
    if (opening?.status !== 'published' || !candidate?.matchable || !candidate.notifyInApp) return;
    await new MatchRepository(em).insertNotificationOnce({
      candidateId: match.candidateId,
      openingId: match.openingId,
      matchId: match.id,
      score: match.score,
      openingTitle: opening.title,
    });
  }

  async openingMatches(
    openingId: string,
    { limit, offset, minScore }: { limit: number; offset: number; minScore?: number },
  ): Promise<Page<MatchView>> {
    const em = this.orm.em.fork();
    const opening = await em.findOne(OpeningProfile, { openingId });
    // Right after publishing, the scoring job may not have run yet: an empty page, not an error. (Matching
    // cannot tell a missing opening from an unscored one; the employers service answers for existence.)
    if (!opening) return { items: [], total: 0, limit, offset };
    const actor = requestContext.get()?.actor;
    if (actor?.role === 'employer' && opening.employerId !== actor.employerId) {
      throw new Forbidden('Employer users see matches for their own openings only');
    }
    const [items, total] = await em.findAndCount(
      Match,
      { openingId, ...(minScore !== undefined ? { score: { $gte: minScore } } : {}) },
      { orderBy: { score: 'desc', candidateId: 'asc' }, limit, offset },
    );
    return { items: items.map(toMatchView), total, limit, offset };
  }

  /** A candidate's matches, best first: staff for anyone, a candidate for themselves only. */
  async candidateMatches(
    candidateId: string,
    { limit, offset, minScore }: { limit: number; offset: number; minScore?: number },
  ): Promise<Page<MatchView>> {
    assertMaySeeCandidate(candidateId);
    const [items, total] = await this.orm.em
      .fork()
      .findAndCount(
        Match,
        { candidateId, ...(minScore !== undefined ? { score: { $gte: minScore } } : {}) },
        { orderBy: { score: 'desc', openingId: 'asc' }, limit, offset },
      );
    return { items: items.map(toMatchView), total, limit, offset };
  }

  /** One match with its full explanation, for whoever may see it. */
  async getMatch(id: string): Promise<MatchView> {
    const em = this.orm.em.fork();
    const m = await em.findOne(Match, { id });
    if (!m) throw new NotFound(`Match ${id} not found`);
    const actor = requestContext.get()?.actor;
    if (actor?.role === 'candidate') assertMaySeeCandidate(m.candidateId);
    if (actor?.role === 'employer') {
      const opening = await em.findOne(OpeningProfile, { openingId: m.openingId });
      if (opening?.employerId !== actor.employerId) throw new NotFound(`Match ${id} not found`);
    }
    return toMatchView(m);
  }

  /**
   * At boot: when the weights version differs from the one the stored matches were scored with, record the
   * new one and queue a rescoring of everything, in one transaction (several replicas booting at once queue
   * it once: the job id names the version).
   */
  async rescoreIfWeightsChanged(): Promise<boolean> {
    const version = DEFAULT_WEIGHTS.version;
    return this.orm.em.fork().transactional(async (em) => {
      const changed = await em.getConnection().execute<unknown[]>(
        `insert into ${MATCHING_SCHEMA}.scoring_state (key, value, updated_at) values ('weights', ?, now())
         on conflict (key) do update set value = excluded.value, updated_at = now()
         where scoring_state.value <> excluded.value
         returning 1`,
        [version],
      );
      if (!changed.length) return false;
      addToOutbox(
        em,
        { name: 'matching.rescore-all', data: { reason: `weights ${version}` } },
        { jobId: jobId('rescore-all', version) },
      );
      return true;
    });
  }

  /** Job: every published opening is scored again, each as its own job (shared by the workers). */
  async rescoreAll(): Promise<void> {
    const openings = await this.orm.em.fork().find(OpeningProfile, { status: 'published' });
    const stamp = Date.now();
    await this.queues.enqueueMany(
      openings.map((o) => ({
        item: { name: 'opening.changed' as const, data: { openingId: o.openingId, version: o.version } },
        opts: { jobId: jobId('ochg', o.openingId, 'all', stamp) },
      })),
    );
  }

  /**
   * Staff's "score this opening again now": the same job as a change, under an id of its own, so it runs
   * even when an earlier job for this version sits in the failed set under the deterministic id.
   */
  async rescoreOpening(openingId: string): Promise<{ queued: string }> {
    const id = jobId('ochg', openingId, 'rescore', Date.now());
    const opening = await this.orm.em.fork().findOne(OpeningProfile, { openingId });
    await this.queues.enqueueMany([
      {
        item: { name: 'opening.changed', data: { openingId, version: opening?.version ?? 0 } },
        opts: { jobId: id },
      },
    ]);
    return { queued: id };
  }

  async candidateNotifications(
    candidateId: string,
    limit: number,
    offset: number,
  ): Promise<Page<NotificationView>> {
    const [items, total] = await this.orm.em
      .fork()
      .findAndCount(Notification, { candidateId }, { orderBy: { createdAt: 'desc' }, limit, offset });
    return {
      items: items.map((n) => ({
        id: n.id,
        matchId: n.matchId,
        openingId: n.openingId,
        channel: n.channel,
        status: n.status,
        score: n.score,
        openingTitle: n.openingTitle,
        createdAt: n.createdAt.toISOString(),
        ...(n.readAt ? { readAt: n.readAt.toISOString() } : {}),
      })),
      total,
      limit,
      offset,
    };
  }

  /** Scores from read-model rows or from the RPC replies they were written from: the fields are the same. */
  private score(
    o: Pick<OpeningProfile, 'openingId' | 'version' | 'requirements'>,
    c: Pick<CandidateFeatures, 'candidateId' | 'version' | 'notifyInApp' | 'features'>,
    proximity: Proximity,
  ): ScoredPair {
    const result = scoreMatch(c.features, o.requirements, {
      weights: DEFAULT_WEIGHTS,
      proximity,
      today: osloToday(),
    });
    return {
      openingId: o.openingId,
      candidateId: c.candidateId,
      openingVersion: o.version,
      candidateVersion: c.version,
      notifyInApp: c.notifyInApp,
      weightsVersion: DEFAULT_WEIGHTS.version,
      score: result.score,
      explanation: { ...result.explanation, gates: result.gates },
    };
  }

  /**
   * Skill closeness for near misses: the taxonomy's precomputed neighbours of the openings' skills, asked
   * once per job (not per candidate). Without the taxonomy, scoring goes on without near misses.
   */
  private async proximityFor(requirements: OpeningScoringRequirements[]): Promise<Proximity> {
    const ids = [
      ...new Set(
        requirements.flatMap((r) =>
          [...r.mustHave, ...r.niceToHave].flatMap((s) => (s.skillId ? [s.skillId] : [])),
        ),
      ),
    ];
    const close = new Map<string, { score: number; reason: string }>();
    for (let i = 0; i < ids.length; i += 2_000) {
      const neighbours = await this.rpc.call<SkillNeighbour[]>(Patterns.taxonomy.relatedSkills, {
        skillIds: ids.slice(i, i + 2_000),
      });
      for (const n of neighbours) close.set(`${n.skillId}|${n.other}`, { score: n.score, reason: n.reason });
    }
    return { closeness: (required, have) => close.get(`${required}|${have}`) };
  }

  /**
   * Stores the pairs at or above the threshold and removes those a rescoring dropped below it, in one
   * transaction, then queues notifications. If the process dies between the two, the job is retried: the
   * writes are idempotent and the notify job ids are fixed.
   */
  private async store(pairs: ScoredPair[]): Promise<void> {
    const keep = pairs.filter((p) => p.score >= this.config.MATCH_STORE_THRESHOLD);
    const drop = pairs.filter((p) => p.score < this.config.MATCH_STORE_THRESHOLD);
    const stored = await this.orm.em.fork().transactional(async (em: EntityManager) => {
      const repo = new MatchRepository(em);
      await repo.removeMatches(drop);
      return keep.length ? repo.upsertMatches(keep) : [];
    });
    const notify = stored.filter((m) => m.notifyInApp && m.score >= this.config.MATCH_NOTIFY_THRESHOLD);
    await this.queues.enqueueMany(
      notify.map((m) => ({
        item: { name: 'match.notify', data: { matchId: m.id } },
        opts: { jobId: jobId('notify', m.candidateId, m.openingId) },
      })),
    );
  }
}
