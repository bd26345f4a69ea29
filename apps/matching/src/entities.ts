import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type {
  CandidateScoringFeatures,
  MatchExplanation,
  OpeningScoringRequirements,
  OpeningStatus,
} from '@brobygger/contracts';

/**
 * Matching's own read model of a candidate: just what scoring needs, copied from the candidates service
 * when a profile changes, so scoring never calls another service per candidate.
 */
@Entity({ tableName: 'candidate_features' })
export class CandidateFeatures {
  @PrimaryKey({ type: 'uuid' })
  candidateId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'boolean' })
  @Index()
  matchable!: boolean;

  @Property({ type: 'boolean' })
  notifyInApp!: boolean;

  /** Employers see who the candidate is only with this consent; otherwise an alias. */
  @Property({ type: 'boolean' })
  shareWithEmployers!: boolean;

  /** Everything scoring reads of the candidate (libs/scoring's CandidateFeatures). */
  @Property({ type: 'json' })
  features!: CandidateScoringFeatures;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** Matching's read model of an opening's requirements. */
@Entity({ tableName: 'opening_profile' })
export class OpeningProfile {
  @PrimaryKey({ type: 'uuid' })
  openingId!: string;

  @Property({ type: 'uuid' })
  @Index()
  employerId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'text' })
  @Index()
  status!: OpeningStatus;

  @Property({ type: 'text' })
  title!: string;

  /** Everything scoring reads of the opening (libs/scoring's OpeningRequirements). */
  @Property({ type: 'json' })
  requirements!: OpeningScoringRequirements;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** One row per (opening, candidate), upserted; the versions stop a stale job overwriting a newer result. */
@Entity({ tableName: 'match' })
@Unique({ properties: ['openingId', 'candidateId'] })
@Index({ properties: ['openingId', 'score'] })
export class Match {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  openingId!: string;

  @Property({ type: 'uuid' })
  @Index()
  candidateId!: string;

  @Property({ type: 'double' })
  score!: number;

  @Property({ type: 'json' })
  explanation!: MatchExplanation;

  @Property({ type: 'text' })
  weightsVersion!: string;

  @Property({ type: 'integer' })
  openingVersion!: number;

  @Property({ type: 'integer' })
  candidateVersion!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** A message to a candidate. Unique per candidate, opening and channel: at most one, however often rescored. */
@Entity({ tableName: 'notification' })
@Unique({ properties: ['candidateId', 'openingId', 'channel'] })
export class Notification {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  candidateId!: string;

  @Property({ type: 'uuid' })
  openingId!: string;

  @Property({ type: 'uuid' })
  matchId!: string;

  @Property({ type: 'text' })
  channel = 'in-app' as const;

  @Property({ type: 'text' })
  status: 'queued' | 'sent' | 'failed' | 'held' = 'queued';

  @Property({ type: 'double' })
  score!: number;

  @Property({ type: 'text' })
  openingTitle!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  readAt?: Date | null;
}

/** Small facts about scoring itself, e.g. which weights version the stored matches were scored with. */
@Entity({ tableName: 'scoring_state' })
export class ScoringState {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  value!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}

export const MATCHING_ENTITIES = [CandidateFeatures, OpeningProfile, Match, Notification, ScoringState];
