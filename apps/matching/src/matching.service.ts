import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { MikroORM, raw, type EntityManager } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import {
  Forbidden,
  NotFound,
  Patterns,
  jobId,
  type JobPayload,
  type CandidateIdentity,
  type CandidateMatchingFeatures,
  type MatchReply,
  type MatchView,
  type OpeningRequirements,
  type OpeningScoringRequirements,
  type Page,
  type SkillNeighbour,
} from '@brobygger/contracts';
import { addToOutbox } from '@brobygger/persistence';
import {
  CONFIG,
  JobQueues,
  LOGGER,
  RpcCaller,
  requestContext,
  osloToday,
  type Logger,
} from '@brobygger/platform';
import { proximityFromNeighbours, scoreMatch, type Proximity, type Weights } from '@brobygger/scoring';
import type { MatchingConfig } from './config';
import { CandidateFeatures, Match, OpeningProfile } from './entities';
import { MatchRepository, type ScoredPair } from './match.repository';
import { MATCHING_SCHEMA } from './schema';
import { WEIGHTS } from './weights';

/**
 * A match whose explanation says it meets no must-have (explanation.meetsNoMustHave), as SQL. Explanations
 * stored before weights w3 lack the field and count as meeting some until the rescoring that the new
 * version triggers refreshes them: unknown is not held against anyone.
 */
const MEETS_NO_MUST_HAVE = `coalesce((explanation->>'meetsNoMustHave')::boolean, false)`;

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
    ...(m.reply && m.repliedAt ? { reply: { answer: m.reply, at: m.repliedAt.toISOString() } } : {}),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/**
 * "Kandidat 3F9A2C": stable for one candidate within one opening, unlinkable across openings. Keyed with a
 * server secret, so someone who once saw a candidate id cannot compute that person's aliases elsewhere.
 */
export function candidateAlias(secret: string, openingId: string, candidateId: string): string {
  const h = createHmac('sha256', secret).update(`alias/${openingId}/${candidateId}`).digest('hex');
  return `Kandidat ${h.slice(0, 6).toUpperCase()}`;
}

@Injectable()
export class MatchingService {
  constructor(
    private readonly orm: MikroORM,
    private readonly rpc: RpcCaller,
    private readonly queues: JobQueues,
    @Inject(CONFIG) private readonly config: MatchingConfig,
    @Inject(WEIGHTS) private readonly weights: Weights,
    @Inject(LOGGER) private readonly logger: Logger,
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
      const pending = await em.transactional((tx) => new MatchRepository(tx).eraseCandidate(candidateId));
      const queue = this.queues.queue('notifications');
      await Promise.all(pending.map((id) => queue.remove(jobId('deliver', id))));
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
    await this.scoreAndStore(
      openings.map((o) => [o, features]),
      proximity,
    );
  }

  /**
   * Job: an opening was published or changed. Refresh its profile, then fan the scoring out into one chunk
   * job per MATCHING_CHUNK_SIZE candidates, so every worker process shares it. The chunk ids derive from
   * this job's id and the chunk's bounds: a retry of this job adds the same chunks again (a no-op), and if
   * the bounds moved meanwhile, the new ranges are scored too (overlap is harmless, gaps are impossible).
   */
  async onOpeningChanged(openingId: string, parentJobId: string): Promise<void> {
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
    const bounds = await matches.chunkBounds(this.config.MATCHING_CHUNK_SIZE);
    // The first chunk is open below, the last open above: [-, b1), [b1, b2), ..., [bk, -).
    const ranges =
      bounds.length <= 1
        ? [{}]
        : bounds.map((from, i) => ({
            ...(i > 0 ? { from } : {}),
            ...(i + 1 < bounds.length ? { to: bounds[i + 1] } : {}),
          }));
    await this.queues.enqueueMany(
      ranges.map((r: { from?: string; to?: string }) => ({
        item: { name: 'opening.score-chunk', data: { openingId, version: req.version, ...r } },
        opts: { jobId: jobId('chunk', parentJobId, r.from ?? 'first', r.to ?? 'last') },
      })),
    );
  }

  /**
   * Job: score one opening against the matchable candidates with ids in [from, to). The chunk's writes are
   * one transaction, so a worker killed midway leaves nothing of it; BullMQ hands the job to another worker
   * once the dead one's lock lapses, and the redo writes the same rows.
   */
  async scoreChunk({ openingId, version, from, to }: JobPayload<'opening.score-chunk'>): Promise<void> {
    const em = this.orm.em.fork();
    const opening = await em.findOne(OpeningProfile, { openingId });
    // Changed, closed or gone since the chunk was queued: the newer version's own chunks (or none) cover it.
    if (!opening || opening.version !== version || opening.status !== 'published') return;
    const range = { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
    const candidates = await em.find(
      CandidateFeatures,
      from || to ? { matchable: true, candidateId: range } : { matchable: true },
      { orderBy: { candidateId: 'asc' } },
    );
    const proximity = await this.proximityFor([opening.requirements]);
    await this.scoreAndStore(
      candidates.map((c) => [opening, c]),
      proximity,
    );
  }

  async openingMatches(
    openingId: string,
    {
      limit,
      offset,
      minScore,
      reply,
      includeNoMustHave,
    }: {
      limit: number;
      offset: number;
      minScore?: number;
      reply?: MatchReply | 'none';
      includeNoMustHave?: boolean;
    },
  ): Promise<Page<MatchView>> {
    const em = this.orm.em.fork();
    const opening = await em.findOne(OpeningProfile, { openingId });
    // Right after publishing, the scoring job may not have run yet: an empty page, not an error. (Matching
    // cannot tell a missing opening from an unscored one; the employers service answers for existence.)
    if (!opening) return { items: [], total: 0, limit, offset };
    const actor = requestContext.get()?.actor;
    const employer = actor?.role === 'employer';
    if (employer && opening.employerId !== actor.employerId) {
      throw new Forbidden('Employer users see matches for their own openings only');
    }
    // Staff see everyone the scorer stored, to judge for themselves; an employer sees those who meet none
    // of the must-haves only on asking, since naming them unasked fills the list with people it cannot use.
    const hideNoMustHave = !(includeNoMustHave ?? !employer);
    const [items, total] = await em.findAndCount(
      Match,
      {
        openingId,
        ...(minScore !== undefined ? { score: { $gte: minScore } } : {}),
        ...(reply ? { reply: reply === 'none' ? null : reply } : {}),
        ...(hideNoMustHave ? { [raw(MEETS_NO_MUST_HAVE)]: false } : {}),
      },
      // Candidates who said they are interested come first: that is who staff call next. Then those who
      // meet some must-have, whatever the scores (see meetsNoMustHave).
      {
        orderBy: [
          { [raw(`(reply = 'interested')`)]: 'desc nulls last' },
          { [raw(MEETS_NO_MUST_HAVE)]: 'asc' },
          { score: 'desc' },
          { candidateId: 'asc' },
        ],
        limit,
        offset,
      },
    );
    const views = items.map(toMatchView);
    return {
      items: actor?.role === 'employer' ? await this.forEmployer(views, em) : views,
      total,
      limit,
      offset,
    };
  }

  /** A candidate's matches, best first: staff for anyone, a candidate for themselves only. */
  async candidateMatches(
    candidateId: string,
    { limit, offset, minScore }: { limit: number; offset: number; minScore?: number },
  ): Promise<Page<MatchView>> {
    assertMaySeeCandidate(candidateId);
    const [items, total] = await this.orm.em.fork().findAndCount(
      Match,
      { candidateId, ...(minScore !== undefined ? { score: { $gte: minScore } } : {}) },
      // Openings where they meet some must-have first: a higher score built on place and hours alone is
      // not a better job for them. The others stay listed: the candidate and their coach may still want
      // to see them, and nobody else is told.
      {
        orderBy: [{ [raw(MEETS_NO_MUST_HAVE)]: 'asc' }, { score: 'desc' }, { openingId: 'asc' }],
        limit,
        offset,
      },
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
      return (await this.forEmployer([toMatchView(m)], em))[0];
    }
    return toMatchView(m);
  }

  /**
   * An employer sees who a candidate is only once the candidate has agreed to share it; everyone else is an
   * alias, without the candidate id. Consent is read twice: from matching's copy (to ask only about those)
   * and by the candidates service, which answers only for those who consent now. If it cannot answer, all
   * stay aliases: a slow service never releases a name.
   */
  private async forEmployer(views: MatchView[], em: EntityManager): Promise<MatchView[]> {
    const ids = views.map((v) => v.candidateId!);
    const consenting = ids.length
      ? await em.find(
          CandidateFeatures,
          { candidateId: { $in: ids }, shareWithEmployers: true },
          { fields: ['candidateId'] },
        )
      : [];
    let identities: CandidateIdentity[] = [];
    if (consenting.length) {
      try {
        identities = await this.rpc.call<CandidateIdentity[]>(Patterns.candidates.identities, {
          ids: consenting.map((c) => c.candidateId),
        });
      } catch (err) {
        this.logger.warn(
          { err: (err as Error).message },
          'candidate identities unavailable; showing aliases',
        );
      }
    }
    const named = new Map(identities.map((i) => [i.id, i.fullName]));
    // The answer to a notification is between the candidate and their coach.
    return views.map(({ candidateId, reply: _reply, ...rest }) => {
      const alias = candidateAlias(this.config.REPLY_LINK_SECRET, rest.openingId, candidateId!);
      const fullName = named.get(candidateId!);
      return fullName
        ? { ...rest, candidateId, candidate: { alias, fullName } }
        : { ...rest, candidate: { alias } };
    });
  }

  /**
   * At boot: when the weights version differs from the one the stored matches were scored with, record the
   * new one and queue a rescoring of everything, in one transaction (several replicas booting at once queue
   * it once: the job id names the version).
   */
  async rescoreIfWeightsChanged(): Promise<boolean> {
    const version = this.weights.version;
    return this.orm.em.fork().transactional(async (em) => {
      const changed = await em.execute<unknown[]>(
        `insert into ${MATCHING_SCHEMA}.scoring_state (key, value, updated_at) values ('weights', ?, now())
         on conflict (key) do update set value = excluded.value, updated_at = now()
         where scoring_state.value <> excluded.value
         returning 1`,
        [version],
      );
      if (!changed.length) return false;
      // Only the replica whose update changed the row gets here, so the id need not dedupe replicas; the
      // time makes A → B → A within a day queue a third rescoring instead of finding the first one's id.
      addToOutbox(
        em,
        { name: 'matching.rescore-all', data: { reason: `weights ${version}` } },
        { jobId: jobId('rescore-all', version, Date.now()) },
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

  /** Scores from read-model rows or from the RPC replies they were written from: the fields are the same. */
  private score(
    o: Pick<OpeningProfile, 'openingId' | 'version' | 'requirements'>,
    c: Pick<CandidateFeatures, 'candidateId' | 'version' | 'features'>,
    proximity: Proximity,
  ): ScoredPair {
    const result = scoreMatch(c.features, o.requirements, {
      weights: this.weights,
      proximity,
      today: osloToday(),
    });
    return {
      openingId: o.openingId,
      candidateId: c.candidateId,
      openingVersion: o.version,
      candidateVersion: c.version,
      weightsVersion: this.weights.version,
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
    const neighbours: SkillNeighbour[] = [];
    for (let i = 0; i < ids.length; i += 2_000) {
      neighbours.push(
        ...(await this.rpc.call<SkillNeighbour[]>(Patterns.taxonomy.relatedSkills, {
          skillIds: ids.slice(i, i + 2_000),
        })),
      );
    }
    return proximityFromNeighbours(neighbours);
  }

  /**
   * Scores the pairs and stores them. A pair that cannot be scored (a malformed read-model row) does not
   * stop the others: they are stored, then the job fails for good (no retry mends the data) naming the ids,
   * so it shows in the failed set and the log; once the row is fixed, rescoring the opening redoes it.
   */
  private async scoreAndStore(
    pairs: [OpeningProfile | OpeningRequirements, CandidateFeatures | CandidateMatchingFeatures][],
    proximity: Proximity,
  ): Promise<void> {
    const scored: ScoredPair[] = [];
    const bad: { openingId: string; candidateId: string; error: string }[] = [];
    for (const [o, c] of pairs) {
      try {
        const pair = this.score(o, c, proximity);
        if (!Number.isFinite(pair.score) || pair.score < 0 || pair.score > 100) {
          throw new Error(`score ${pair.score} out of range`);
        }
        scored.push(pair);
      } catch (err) {
        bad.push({ openingId: o.openingId, candidateId: c.candidateId, error: (err as Error).message });
      }
    }
    await this.store(scored);
    if (bad.length) {
      this.logger.error({ unscorable: bad.slice(0, 20), count: bad.length }, 'malformed matching features');
      const first = bad[0];
      throw new UnrecoverableError(
        `${bad.length} pair(s) could not be scored (malformed features), first: opening ${first.openingId} × candidate ${first.candidateId}: ${first.error}`,
      );
    }
  }

  /**
   * Stores the pairs at or above the threshold (and, below it, those that may be among their opening's best
   * MATCH_TOP_N), removes those a rescoring dropped, in one transaction, then queues notifications. If the
   * process dies between the two, the job is retried: the writes are idempotent and the notify job ids are
   * fixed.
   */
  private async store(pairs: ScoredPair[]): Promise<void> {
    const { MATCH_STORE_THRESHOLD: threshold, MATCH_TOP_N: topN } = this.config;
    const keep: ScoredPair[] = [];
    const drop: ScoredPair[] = [];
    const below = new Map<string, ScoredPair[]>();
    for (const p of pairs) {
      if (p.score >= threshold) keep.push(p);
      // A gated pair (score 0: no permit, a missing licence) is not a candidate for the opening at all.
      else if (topN > 0 && p.score > 0) below.set(p.openingId, [...(below.get(p.openingId) ?? []), p]);
      else drop.push(p);
    }
    // Of this batch's pairs below the threshold, only each opening's best N can be among its best N overall.
    for (const group of below.values()) {
      group.sort((a, b) => b.score - a.score || a.candidateId.localeCompare(b.candidateId));
      keep.push(...group.slice(0, topN));
      drop.push(...group.slice(topN));
    }
    const stored = await this.orm.em.fork().transactional(async (em: EntityManager) => {
      const repo = new MatchRepository(em);
      // A transaction that will trim takes its openings' locks before writing anything, so it never holds
      // rows another trim waits for while itself waiting for that trim's lock (no deadlock). Writers that
      // do not trim need no lock: a trim re-checks each row's score before removing it.
      await repo.lockOpenings([...below.keys()]);
      await repo.removeMatches(drop);
      const written = keep.length ? await repo.upsertMatches(keep) : [];
      if (below.size) await repo.trimBelowThreshold([...below.keys()], topN, threshold);
      return written;
    });
    // Whether and how the candidate hears of it (channels, consent, cap) is the notify job's to decide;
    // one who meets none of the must-haves is not told, whatever the other factors add up to.
    const notify = stored.filter(
      (m) => m.score >= this.config.MATCH_NOTIFY_THRESHOLD && !m.explanation.meetsNoMustHave,
    );
    await this.queues.enqueueMany(
      notify.map((m) => ({
        item: { name: 'match.notify', data: { matchId: m.id } },
        opts: { jobId: jobId('notify', m.candidateId, m.openingId) },
      })),
    );
  }
}
