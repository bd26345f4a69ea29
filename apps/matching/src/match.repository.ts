import type { EntityManager } from '@mikro-orm/postgresql';
import type { CandidateMatchingFeatures, MatchExplanation, OpeningRequirements } from '@brobygger/contracts';
import { CandidateFeatures, Delivery, Match, Notification, OpeningProfile } from './entities';
import { MATCHING_SCHEMA as S } from './schema';

export interface ScoredPair {
  openingId: string;
  candidateId: string;
  openingVersion: number;
  candidateVersion: number;
  weightsVersion: string;
  score: number;
  explanation: MatchExplanation;
}

/**
 * Matching's writes. Each upsert carries a version guard in SQL, so jobs that arrive out of order (a retry
 * of an older version after a newer one) cannot overwrite newer data.
 */
export class MatchRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * True when this version is now the stored one (written, or rewritten by a retry); false when a newer
   * version was already there, so the caller's data is stale.
   */
  async upsertCandidateFeatures(f: CandidateMatchingFeatures): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>(
      `insert into ${S}.candidate_features (candidate_id, version, matchable, notify_in_app, share_with_employers,
         features, updated_at)
       values (?, ?, ?, ?, ?, ?, now())
       on conflict (candidate_id) do update set version = excluded.version, matchable = excluded.matchable,
         notify_in_app = excluded.notify_in_app, share_with_employers = excluded.share_with_employers,
         features = excluded.features, updated_at = now()
       where candidate_features.version <= excluded.version
       returning 1`,
      [
        f.candidateId,
        f.version,
        f.matchable,
        f.notifyInApp,
        f.shareWithEmployers,
        JSON.stringify(f.features),
      ],
    );
    return rows.length > 0;
  }

  /** Like upsertCandidateFeatures: true when this version of the opening is now the stored one. */
  async upsertOpeningProfile(r: OpeningRequirements): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>(
      `insert into ${S}.opening_profile (opening_id, employer_id, version, status, title, requirements, display,
         updated_at)
       values (?, ?, ?, ?, ?, ?, ?, now())
       on conflict (opening_id) do update set version = excluded.version, status = excluded.status,
         title = excluded.title, requirements = excluded.requirements, display = excluded.display,
         updated_at = now()
       where opening_profile.version <= excluded.version
       returning 1`,
      [
        r.openingId,
        r.employerId,
        r.version,
        r.status,
        r.title,
        JSON.stringify(r.requirements),
        JSON.stringify(r.display ?? {}),
      ],
    );
    return rows.length > 0;
  }

  /**
   * Upserts matches in one statement; returns the rows written, with the ids notification jobs refer to.
   * A pair is written only if it was scored from the current read model: the candidate's features at that
   * version and still matchable, the opening's profile at that version and still published. Anything else
   * is a stale job, and whichever job holds the newer version writes (or removes) the pair instead.
   */
  async upsertMatches(pairs: ScoredPair[]): Promise<(ScoredPair & { id: string })[]> {
    const rows = await this.em.execute<{ id: string; opening_id: string; candidate_id: string }[]>(
      `insert into ${S}."match" (id, opening_id, candidate_id, score, explanation, weights_version, opening_version,
         candidate_version, created_at, updated_at)
       select gen_random_uuid(), x.opening_id, x.candidate_id, x.score, x.explanation, x.weights_version,
         x.opening_version, x.candidate_version, now(), now()
       from jsonb_to_recordset(?::jsonb) as x(opening_id uuid, candidate_id uuid, score double precision,
         explanation jsonb, weights_version text, opening_version int, candidate_version int)
       join ${S}.candidate_features cf on cf.candidate_id = x.candidate_id and cf.version = x.candidate_version
         and cf.matchable
       join ${S}.opening_profile op on op.opening_id = x.opening_id and op.version = x.opening_version
         and op.status = 'published'
       -- Hold the read-model rows until commit: a candidate job that pauses the candidate (or an opening
       -- job that closes the opening) then waits for this insert, and its delete sees the new rows.
       for share of cf, op
       on conflict (opening_id, candidate_id) do update set score = excluded.score,
         explanation = excluded.explanation, weights_version = excluded.weights_version,
         opening_version = excluded.opening_version, candidate_version = excluded.candidate_version,
         updated_at = now()
       where "match".opening_version <= excluded.opening_version
         and "match".candidate_version <= excluded.candidate_version
       returning id, opening_id, candidate_id`,
      [
        JSON.stringify(
          pairs.map((p) => ({
            opening_id: p.openingId,
            candidate_id: p.candidateId,
            score: p.score,
            explanation: p.explanation,
            weights_version: p.weightsVersion,
            opening_version: p.openingVersion,
            candidate_version: p.candidateVersion,
          })),
        ),
      ],
    );
    const byKey = new Map(pairs.map((p) => [`${p.openingId}/${p.candidateId}`, p]));
    return rows.flatMap((r) => {
      const p = byKey.get(`${r.opening_id}/${r.candidate_id}`);
      return p ? [{ ...p, id: r.id }] : [];
    });
  }

  /**
   * Removes stored matches that a rescoring dropped below the threshold (unless a newer result is stored).
   * A match the candidate was told about stays, with its id and their answer: it is the record of what they
   * were offered, and their notification and reply links point at it.
   */
  async removeMatches(pairs: ScoredPair[]): Promise<void> {
    if (!pairs.length) return;
    await this.em.execute(
      `delete from ${S}."match" m
       using jsonb_to_recordset(?::jsonb) as x(opening_id uuid, candidate_id uuid, opening_version int,
         candidate_version int)
       where m.opening_id = x.opening_id and m.candidate_id = x.candidate_id
         and m.opening_version <= x.opening_version and m.candidate_version <= x.candidate_version
         and not exists (select 1 from ${S}.notification n
                         where n.opening_id = m.opening_id and n.candidate_id = m.candidate_id)`,
      [
        JSON.stringify(
          pairs.map((p) => ({
            opening_id: p.openingId,
            candidate_id: p.candidateId,
            opening_version: p.openingVersion,
            candidate_version: p.candidateVersion,
          })),
        ),
      ],
    );
  }

  /**
   * Chunk boundaries over the matchable candidates: every `size`-th id in id order. Chunk i covers
   * [bounds[i], bounds[i+1]); the first is open below and the last open above, so candidates added while the
   * chunks run still fall in one.
   */
  async chunkBounds(size: number): Promise<string[]> {
    const rows = await this.em.execute<{ candidate_id: string }[]>(
      `select candidate_id from (
         select candidate_id, row_number() over (order by candidate_id) - 1 as rn
         from ${S}.candidate_features where matchable) x
       where rn % ? = 0 order by candidate_id`,
      [size],
    );
    return rows.map((r) => r.candidate_id);
  }

  /**
   * Transaction locks on openings, in id order (so two jobs cannot wait on each other), taken before a
   * transaction that will trim writes anything: trims of one opening then take turns.
   */
  async lockOpenings(openingIds: string[]): Promise<void> {
    if (!openingIds.length) return;
    await this.em.execute(
      `select pg_advisory_xact_lock(hashtextextended('matching.opening/' || id, 0))
       from unnest(?::uuid[]) as id order by id`,
      [`{${[...new Set(openingIds)].sort().join(',')}}`],
    );
  }

  /**
   * Keeps each opening's best `topN` below the store threshold and removes the rest below it: a match that
   * would not be stored for its score stays while it is among the opening's best few, so an opening with
   * no strong candidates still shows its closest ones. Rows at or above the threshold are never touched.
   * Call it holding lockOpenings for these openings: trims of one opening then take turns, each sees the
   * rows of every write committed before it, so the last leaves the best N, while none ever removes one of
   * them (a row beyond N among some of the matches is beyond N among all).
   */
  async trimBelowThreshold(openingIds: string[], topN: number, threshold: number): Promise<void> {
    if (!openingIds.length) return;
    await this.em.execute(
      `delete from ${S}."match" m using (
         select id from (
           select id, score, row_number() over (partition by opening_id order by score desc, candidate_id) rn
           from ${S}."match" where opening_id = any(?::uuid[])) r
         where r.rn > ? and r.score < ?) d
       -- Checked again on the row itself: a row updated since the ranking's snapshot (to a score above the
       -- threshold, or told to the candidate) is not removed on the strength of an old ranking.
       where m.id = d.id and m.score < ?
         and not exists (select 1 from ${S}.notification n
                         where n.opening_id = m.opening_id and n.candidate_id = m.candidate_id)`,
      [`{${openingIds.join(',')}}`, topN, threshold, threshold],
    );
  }

  /** A paused or placed candidate's matches go, except those they were told about (see removeMatches). */
  async removeMatchesOf(candidateId: string): Promise<void> {
    await this.em.execute(
      `delete from ${S}."match" m where m.candidate_id = ?
         and not exists (select 1 from ${S}.notification n
                         where n.opening_id = m.opening_id and n.candidate_id = m.candidate_id)`,
      [candidateId],
    );
  }

  /**
   * Erasure: the candidate's features, matches, notifications and deliveries all go. Returns the ids of
   * deliveries not yet done, whose jobs the caller removes from the queue.
   */
  async eraseCandidate(candidateId: string): Promise<string[]> {
    const pending = await this.em.find(
      Delivery,
      { candidateId, status: { $in: ['queued', 'held', 'sending'] } },
      { fields: ['id'] },
    );
    await this.em.nativeDelete(Delivery, { candidateId });
    await this.em.nativeDelete(Match, { candidateId });
    await this.em.nativeDelete(Notification, { candidateId });
    await this.em.nativeDelete(CandidateFeatures, { candidateId });
    return pending.map((d) => d.id);
  }

  async removeOpening(openingId: string): Promise<void> {
    await this.em.nativeDelete(Match, { openingId });
    await this.em.nativeDelete(OpeningProfile, { openingId });
  }
}
