import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { queryBoolean } from './common';
import type { WorkplaceMode } from './employers';
import { PageQueryDto } from './pagination';

/** Match lists: best first, optionally only those at or above a score. */
export class MatchListQuery extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Only matches scoring at least this' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(100)
  minScore?: number;
}

/** An opening's matches can also be narrowed to the candidates' answers ('none': not answered yet). */
export class OpeningMatchListQuery extends MatchListQuery {
  @ApiPropertyOptional({ enum: ['interested', 'not-interested', 'none'] })
  @IsOptional()
  @IsIn(['interested', 'not-interested', 'none'])
  reply?: MatchReply | 'none';

  @ApiPropertyOptional({
    description:
      'Also list candidates who meet none of the must-haves, not even nearly (always after the others). ' +
      'Default: false for employers, true for staff.',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includeNoMustHave?: boolean;
}

export class OpeningMatchesQuery extends OpeningMatchListQuery {
  @IsUUID()
  openingId!: string;
}

export class CandidateMatchesQuery extends MatchListQuery {
  @IsUUID()
  candidateId!: string;
}

export class CandidateNotificationsQuery extends PageQueryDto {
  @IsUUID()
  candidateId!: string;
}

// --- what scoring reads (libs/scoring re-exports these under its own names) ---------------------------------

/**
 * Language levels: 0 = unknown, 1–6 = CEFR A1–C2, 7 = native. Unknown is 0 rather than absent so that "no
 * level recorded" compares below every requirement instead of crashing or silently passing.
 */
export type LanguageLevel = number;

/** 'unknown' is the read model's value for a profile where nobody has recorded a status yet. */
export type ScoringPermitStatus = 'not-required' | 'granted' | 'applied' | 'none' | 'unknown';

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface SkillClaim {
  /** ESCO skill id; null when the text never resolved to one (then the label is all there is). */
  skillId: string | null;
  label: string;
  /** 1–5, when someone recorded it. */
  level?: number;
}

export interface SkillRequirement {
  skillId: string | null;
  label: string;
  /** 1–5. */
  minLevel?: number;
}

/**
 * A candidate as the scorer sees it, and nothing more. Name, nationality, country of birth, gender, age,
 * religion and family status are deliberately absent: a field the type cannot hold cannot move a score, and
 * `match-score.spec.ts` fails to compile if one is added. Do not add them "just for display": the explanation
 * is built from this type too.
 */
export interface CandidateScoringFeatures {
  skills: SkillClaim[];
  languages: { code: string; spoken: LanguageLevel; written: LanguageLevel }[];
  home?: GeoPoint;
  /** How far the candidate can travel to work; absent means the default radius in the weights. */
  commuteKm?: number;
  /** Norwegian licence classes as held (B, BE, C1, …). */
  drivingLicences: string[];
  certificates: string[];
  permit: ScoringPermitStatus;
  /** YYYY-MM-DD. */
  availableFrom?: string;
  hoursPercent?: number;
  shiftsOk?: boolean;
  /** Opening types the candidate wants; empty means open to all. */
  wishedOpeningTypes: string[];
  wishedOccupationIds: string[];
  experienceOccupationIds: string[];
}

/** An opening as the scorer sees it. */
export interface OpeningScoringRequirements {
  type: string;
  occupationId?: string;
  mustHave: SkillRequirement[];
  niceToHave: SkillRequirement[];
  /** Spoken Norwegian, 1–6 (A1–C2). */
  norwegianMin?: number;
  /** Spoken, 1–6. */
  otherLanguages: { code: string; min: number }[];
  workplace?: GeoPoint;
  mode: WorkplaceMode;
  hoursPercent?: number;
  shifts?: boolean;
  /** YYYY-MM-DD. */
  startDate?: string;
  drivingLicences: string[];
  certificates: string[];
  workPermitRequired: boolean;
  /** The employer offers Norwegian language support on the job. */
  languageSupport: boolean;
}

// --- what a score says ----------------------------------------------------------------------------------

export interface ScorePart {
  /** What this part measures, e.g. "must-have skills". */
  factor: string;
  points: number;
  maxPoints: number;
  /**
   * What the part found, as a code to word in any language ('all', 'some', 'near-only', 'none' for skills;
   * 'met-norwegian', 'met', 'short' for language; 'remote', 'within', 'beyond', 'unknown' for distance;
   * 'in-time', 'late', 'too-late', 'unknown' for availability; 'met', 'met-unknown', 'partly' for hours and
   * shifts; 'open', 'wished', 'not-wished' for the opening type; 'worked', 'wished', 'none' for experience;
   * 'not-asked' for a part that does not apply). Absent before w3.
   */
  outcome?: string;
  /** The same in English, for staff. */
  detail: string;
}

/** How many of one kind of requirement the candidate meets: exactly, nearly (through a neighbouring skill), of how many. */
export interface SkillTally {
  met: number;
  partial: number;
  total: number;
}

/**
 * Why a match is a match: the parts add up to the score. Staff, employers and the candidate see the same.
 *
 * The parts' `detail` is English for staff; everything a reader renders in its own language is a field
 * (tallies, skills with their ESCO id, label and must-have flag, gaps). Explanations stored before weights
 * w3 lack `openingType`, `mustHave`, `niceToHave`, `meetsNoMustHave`, the parts' `outcome` and the skills'
 * `mustHave` flag: a new weights version
 * rescores every match (matching.rescore-all) and refreshes them, and until then readers say nothing about
 * skills rather than guess (and list the match as meeting some must-have).
 */
export interface MatchExplanation {
  weightsVersion: string;
  parts: ScorePart[];
  /** A hard gate makes the score 0 (work permit, licence, certificate, availability). */
  gates: { gate: string; detail: string }[];
  /** The opening's type (an OpeningType), to word the 'opening type' part. */
  openingType?: string;
  mustHave?: SkillTally;
  niceToHave?: SkillTally;
  /**
   * The opening has must-haves and the candidate meets none, not even nearly: listed after every match that
   * meets some, never notified automatically, hidden from employers unless they ask (`includeNoMustHave`).
   */
  meetsNoMustHave?: boolean;
  matchedSkills: {
    skillId: string | null;
    label: string;
    /** A must-have (else a nice-to-have). */
    mustHave?: boolean;
    level?: number;
    minLevel?: number;
  }[];
  missingMustHaves: SkillRequirement[];
  nearMisses: {
    required: { skillId: string | null; label: string };
    have: { skillId: string | null; label: string };
    /** The required skill is a must-have (else a nice-to-have). */
    mustHave?: boolean;
    closeness: number;
    reason: string;
  }[];
  languageGap?: { code: string; required: number; have: number; softened: boolean };
  distanceKm?: number;
  toCloseTheGap: string[];
}

export interface MatchView {
  id: string;
  openingId: string;
  /** Absent in an employer's view until the candidate agrees to share who they are. */
  candidateId?: string;
  /**
   * In an employer's view only: an alias that is stable within the opening (and differs between openings,
   * so an employer cannot follow one person across them), and the name once the candidate shares it.
   */
  candidate?: { alias: string; fullName?: string };
  score: number;
  explanation: MatchExplanation;
  weightsVersion: string;
  openingVersion: number;
  candidateVersion: number;
  /** The candidate's answer to the notification, once they gave one. */
  reply?: { answer: MatchReply; at: string };
  updatedAt: string;
}

export const MATCH_REPLIES = ['interested', 'not-interested'] as const;
export type MatchReply = (typeof MATCH_REPLIES)[number];

/** A notification as the candidate sees it in the app: the message in their language, and their answer. */
export interface NotificationView {
  id: string;
  matchId: string;
  openingId: string;
  kind: 'match' | 'manual';
  score: number;
  openingTitle: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  body: string;
  reasons: string[];
  reply?: MatchReply;
  createdAt: string;
  readAt?: string;
}

/** One e-mail or SMS, as staff follow it up. */
export interface DeliveryView {
  id: string;
  candidateId: string;
  channel: 'email' | 'sms';
  kind: 'single' | 'digest';
  notificationIds: string[];
  status: 'queued' | 'held' | 'sending' | 'sent' | 'failed' | 'skipped';
  heldReason?: string;
  sendAfter: string;
  attempts: number;
  lastError?: string;
  sentAt?: string;
  updatedAt: string;
}

export class DeliveryListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['queued', 'held', 'sending', 'sent', 'failed', 'skipped'] })
  @IsOptional()
  @IsIn(['queued', 'held', 'sending', 'sent', 'failed', 'skipped'])
  status?: DeliveryView['status'];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  candidateId?: string;
}

export class ReplyDto {
  @ApiProperty({ enum: MATCH_REPLIES })
  @IsIn(MATCH_REPLIES)
  answer!: MatchReply;
}

export class NotificationReplyCommand extends ReplyDto {
  @IsUUID()
  id!: string;
}

export class ReplyTokenCommand {
  @IsString()
  @MaxLength(200)
  token!: string;

  /** false: only read the link (the page asks to confirm); true: record the answer. */
  @IsBoolean()
  apply!: boolean;
}

/** What opening a reply link found: 'confirm' when only read (the page asks), 'recorded' once confirmed. */
export interface ReplyOutcome {
  outcome: 'confirm' | 'recorded' | 'already-answered' | 'expired' | 'invalid' | 'gone';
  answer?: MatchReply;
  openingTitle?: string;
  lang: string;
  /** With 'confirm': a link for the other answer, so the page offers both. */
  counterToken?: string;
}
