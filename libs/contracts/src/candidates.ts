import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from './pagination';

export const CANDIDATE_STATUSES = ['active', 'paused', 'placed', 'archived'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export class SkillClaimDto {
  @ApiProperty({ example: 'welding', description: 'The skill as staff or the candidate wrote it' })
  @IsString()
  @Length(1, 200)
  label!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  level?: number;
}

/** Consent is explicit and defaults to "no": nothing is searchable, shared or sent without a yes. */
export class ConsentDto {
  @ApiProperty({ description: 'Staff may find the candidate in search' })
  @IsBoolean()
  searchable!: boolean;

  @ApiProperty({ description: 'Employers may see who the candidate is' })
  @IsBoolean()
  shareWithEmployers!: boolean;

  @ApiProperty({ description: 'The candidate wants in-app match notifications' })
  @IsBoolean()
  notifyInApp!: boolean;
}

export class CreateCandidateDto {
  @ApiProperty({ example: 'Amina Hassan' })
  @IsString()
  @Length(1, 200)
  fullName!: string;

  @ApiPropertyOptional({ example: 'amina@example.org' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '+4791234567' })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{8,20}$/, { message: 'phone must be digits, optionally starting with +' })
  phone?: string;

  @ApiProperty({ example: 'ar', description: 'ISO 639-1 code of the language messages are sent in' })
  @Matches(/^[a-z]{2}$/, { message: 'preferredLanguage must be an ISO 639-1 code such as nb, en, ar or uk' })
  preferredLanguage!: string;

  @ApiPropertyOptional({ example: 'Oslo' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  municipality?: string;

  @ApiProperty({ type: [SkillClaimDto] })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SkillClaimDto)
  skills!: SkillClaimDto[];

  @ApiProperty({ type: ConsentDto })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent!: ConsentDto;
}

export class CandidateIdDto {
  @IsUUID()
  id!: string;
}

export class CandidateSearchQueryDto extends PageQueryDto {
  @ApiProperty({ description: 'Skills, titles or languages; typos are tolerated', example: 'welding' })
  @IsString()
  @Length(1, 200)
  q!: string;
}

export interface SkillClaimView {
  label: string;
  level?: number;
}

export interface CandidateView {
  id: string;
  fullName: string;
  email?: string;
  phone?: string;
  preferredLanguage: string;
  municipality?: string;
  skills: SkillClaimView[];
  consent: ConsentDto;
  status: CandidateStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What staff see in a search result list: no contact details, nothing that is not in the index. */
export interface CandidateSearchHit {
  id: string;
  fullName: string;
  municipality?: string;
  skills: string[];
}

/**
 * What matching may know about a candidate: no name, contact, nationality, gender, age or religion. This
 * type is the whole of what scoring can read.
 */
export interface CandidateMatchingFeatures {
  candidateId: string;
  version: number;
  /** False when the candidate is not active, withdrew consent, or was erased. */
  matchable: boolean;
  notifyInApp: boolean;
  skills: { label: string; level?: number }[];
}
