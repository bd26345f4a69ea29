import { IsUUID } from 'class-validator';
import { PageQueryDto } from './pagination';

export class OpeningMatchesQuery extends PageQueryDto {
  @IsUUID()
  openingId!: string;
}

export class CandidateNotificationsQuery extends PageQueryDto {
  @IsUUID()
  candidateId!: string;
}

export interface ScorePart {
  /** What this part measures, e.g. "must-have skills". */
  factor: string;
  points: number;
  maxPoints: number;
  detail: string;
}

export interface MatchExplanation {
  parts: ScorePart[];
  matchedSkills: string[];
  missingMustHaves: string[];
}

export interface MatchView {
  id: string;
  openingId: string;
  candidateId: string;
  score: number;
  explanation: MatchExplanation;
  weightsVersion: string;
  openingVersion: number;
  candidateVersion: number;
  updatedAt: string;
}

export interface NotificationView {
  id: string;
  matchId: string;
  openingId: string;
  channel: 'in-app';
  status: 'queued' | 'sent' | 'failed' | 'held';
  score: number;
  openingTitle: string;
  createdAt: string;
  readAt?: string;
}
