import { randomUUID } from 'node:crypto';
import { ArrayType } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type {
  CandidateScoringFeatures,
  MatchExplanation,
  MatchReply,
  OpeningDisplay,
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

  /** What a candidate's message may say about the opening; {} until the opening's next change. */
  @Property({ type: 'json' })
  display: Partial<OpeningDisplay> = {};

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** One row per (opening, candidate), upserted; the versions stop a stale job overwriting a newer result. */
@Entity({ tableName: 'match' })
@Unique({ properties: ['openingId', 'candidateId'] })
@Index({ properties: ['openingId', 'score'] })
@Index({ properties: ['openingId', 'reply'] })
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

  /** The candidate's answer to the notification, for staff (interested ones are listed first). */
  @Property({ type: 'text', nullable: true })
  reply?: MatchReply | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  repliedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}

/**
 * The one message about an opening a candidate ever gets (unique per candidate and opening, whatever the
 * channel or however often the match is rescored). In the app it is this row; e-mail and SMS are deliveries.
 */
@Entity({ tableName: 'notification' })
@Unique({ properties: ['candidateId', 'openingId'] })
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

  /** 'match': the score crossed the notify threshold; 'manual': staff sent it ("we think this fits you"). */
  @Property({ type: 'text' })
  kind!: 'match' | 'manual';

  /** Shown in the app (the candidate agreed to in-app notifications). */
  @Property({ type: 'boolean' })
  inApp!: boolean;

  /** The language it was written in, after the fallback chain. */
  @Property({ type: 'text' })
  lang!: string;

  @Property({ type: 'double' })
  score!: number;

  @Property({ type: 'text' })
  openingTitle!: string;

  /** Set when a reply link was used: each link works once. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  replyViaLinkAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  readAt?: Date | null;
}

export type DeliveryStatus = 'queued' | 'held' | 'sending' | 'sent' | 'failed' | 'skipped';

/**
 * One e-mail or SMS: a single notification, or a day's digest of several. The attempt is recorded before
 * anything is sent, and `dedupe_key` makes "this message" unique, so a retry or a second worker never
 * produces a second one.
 */
@Entity({ tableName: 'delivery' })
@Index({ properties: ['status', 'updatedAt'] })
export class Delivery {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  candidateId!: string;

  @Property({ type: 'text' })
  channel!: 'email' | 'sms';

  @Property({ type: 'text' })
  kind!: 'single' | 'digest';

  /** single: `<notification>/<channel>`; digest: `digest/<candidate>/<channel>/<day>`. */
  @Property({ type: 'text', unique: true })
  dedupeKey!: string;

  @Property({ type: ArrayType, columnType: 'uuid[]' })
  notificationIds!: string[];

  @Property({ type: 'text' })
  status!: DeliveryStatus;

  /** Why it waits or was not sent: quiet-hours, digest, weekly-cap, consent-withdrawn, not-interested, … */
  @Property({ type: 'text', nullable: true })
  heldReason?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  sendAfter!: Date;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'text', nullable: true })
  providerId?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
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

export const MATCHING_ENTITIES = [
  CandidateFeatures,
  OpeningProfile,
  Match,
  Notification,
  Delivery,
  ScoringState,
];
