import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  CEFR_LEVELS,
  commaList,
  IsDateOnly,
  IsLanguageCode,
  NestedList,
  NestedObject,
  RawText,
  LICENCE_CLASSES,
  trimmed,
  upperCased,
  type CefrLevel,
  type LicenceClass,
} from './common';
import { OPENING_TYPES, type OpeningType } from './employers';
import type { CandidateScoringFeatures } from './matching';
import { PageQueryDto } from './pagination';
import { OCCUPATION_ID, SKILL_ID, type ResolutionCertainty, type ResolutionSource } from './taxonomy';

export const CANDIDATE_STATUSES = ['active', 'paused', 'placed', 'archived'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export const PERMIT_STATUSES = ['not-required', 'granted', 'applied', 'none'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

export const RECOGNITION_STATUSES = ['none', 'applied', 'recognised'] as const;
export type RecognitionStatus = (typeof RECOGNITION_STATUSES)[number];

const ISO_3166 = /^[A-Z]{2}$/;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const POSTCODE = /^\d{4}$/;
const MUNICIPALITY_CODE = /^\d{4}$/;
/** ESCO skill id, or its bare UUID (which is what the search index and filters use). */
const SKILL_ID_OR_UUID = new RegExp(`${SKILL_ID.source}|^[0-9a-f-]{36}$`);

// --- profile parts -----------------------------------------------------------------------------------------

export class HomeDto {
  @ApiPropertyOptional({ example: '0668', description: 'Norwegian postcode; gives the coordinates' })
  @IsOptional()
  @Matches(POSTCODE, { message: 'home.postcode must be a 4-digit Norwegian postcode' })
  postcode?: string;

  @ApiPropertyOptional({
    example: '0301',
    description: 'Municipality number; taken from the postcode if absent',
  })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE, { message: 'home.municipality must be a 4-digit municipality number' })
  municipality?: string;

  @ApiPropertyOptional({ example: 59.9311, description: 'Overrides the postcode centre when given' })
  @ValidateIf((o: HomeDto) => o.lat !== undefined || o.lng !== undefined)
  @IsLatitude({ message: 'home.lat must be a latitude between -90 and 90' })
  lat?: number;

  @ApiPropertyOptional({ example: 10.8367 })
  @ValidateIf((o: HomeDto) => o.lat !== undefined || o.lng !== undefined)
  @IsLongitude({ message: 'home.lng must be a longitude between -180 and 180' })
  lng?: number;
}

export class LanguageDto {
  @ApiProperty({ example: 'nb', description: 'ISO 639-1 code' })
  @IsLanguageCode('code must be an ISO 639-1 code such as nb, ar or uk')
  code!: string;

  @ApiPropertyOptional({ description: 'Mother tongue: ranks above C2 in filters' })
  @IsOptional()
  @IsBoolean()
  native?: boolean;

  @ApiPropertyOptional({ enum: CEFR_LEVELS })
  @ValidateIf((o: LanguageDto) => !o.native || o.spoken !== undefined)
  @Transform(upperCased)
  @IsIn(CEFR_LEVELS, { message: `spoken must be a CEFR level (${CEFR_LEVELS.join(', ')})` })
  spoken?: CefrLevel;

  @ApiPropertyOptional({ enum: CEFR_LEVELS })
  @IsOptional()
  @Transform(upperCased)
  @IsIn(CEFR_LEVELS, { message: `written must be a CEFR level (${CEFR_LEVELS.join(', ')})` })
  written?: CefrLevel;
}

/**
 * A skill as the candidate has it: a taxonomy id, or text the service resolves to one. The text is kept beside
 * the id so nobody loses what was written, and a text nothing resolves is kept as text (still searchable).
 */
export class SkillClaimDto {
  @ApiPropertyOptional({ example: 'skill/2fcd95a4-1f9a-41cf-95a9-4701bde476b4' })
  // A text of null is no text: then the id is needed.
  @ValidateIf((o: SkillClaimDto) => o.skillId !== undefined || o.text === undefined || o.text === null)
  @Matches(SKILL_ID, { message: 'skillId must be an ESCO skill id (skill/<uuid>); or give text' })
  skillId?: string;

  @ApiPropertyOptional({
    example: 'MIG-sveising',
    description: 'The skill as staff or the candidate wrote it',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  text?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  level?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 60 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(60)
  years?: number;
}

export class ExperienceDto {
  @ApiPropertyOptional({ example: 'occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b' })
  @ValidateIf((o: ExperienceDto) => o.occupationId !== undefined || o.title === undefined || o.title === null)
  @Matches(OCCUPATION_ID, { message: 'occupationId must be an ESCO occupation id; or give title' })
  occupationId?: string;

  @ApiPropertyOptional({ example: 'Sveiser' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ example: 'Aker Solutions' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  employer?: string;

  @ApiPropertyOptional({ example: 'SY', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Matches(ISO_3166, { message: 'country must be an ISO 3166-1 alpha-2 code such as NO or SY' })
  country?: string;

  @ApiPropertyOptional({ example: '2019-03' })
  @IsOptional()
  @Matches(YEAR_MONTH, { message: 'from must be YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2022-11', description: 'Absent while still there' })
  @IsOptional()
  @Matches(YEAR_MONTH, { message: 'to must be YYYY-MM' })
  to?: string;
}

export class EducationDto {
  @ApiProperty({ minimum: 0, maximum: 8, description: 'ISCED 2011 level' })
  @IsInt()
  @Min(0)
  @Max(8)
  iscedLevel!: number;

  @ApiPropertyOptional({ example: 'Mechanical engineering' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  field?: string;

  @ApiPropertyOptional({ example: 'UA' })
  @IsOptional()
  @Matches(ISO_3166, { message: 'country must be an ISO 3166-1 alpha-2 code such as NO or UA' })
  country?: string;

  @ApiProperty({ enum: RECOGNITION_STATUSES, description: 'Recognised in Norway (NOKUT/HK-dir)?' })
  @IsIn(RECOGNITION_STATUSES)
  recognition!: RecognitionStatus;
}

export class WorkPermitDto {
  @ApiProperty({ enum: PERMIT_STATUSES })
  @IsIn(PERMIT_STATUSES, { message: `workPermit.status must be one of ${PERMIT_STATUSES.join(', ')}` })
  status!: PermitStatus;

  @ApiPropertyOptional({ example: 'collective protection' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  type?: string;

  @ApiPropertyOptional({ example: '2027-03-04' })
  @IsOptional()
  @IsDateOnly('validUntil')
  validUntil?: string;
}

export class AvailabilityDto {
  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsDateOnly('from')
  from?: string;

  @ApiPropertyOptional({ minimum: 10, maximum: 100, example: 100, description: 'Full time is 100' })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(100)
  hoursPercent?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  shiftsOk?: boolean;
}

export class WishesDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(OCCUPATION_ID, { each: true, message: 'each of occupationIds must be an ESCO occupation id' })
  occupationIds?: string[];

  @ApiPropertyOptional({ enum: OPENING_TYPES, isArray: true })
  @IsOptional()
  @ArrayMaxSize(OPENING_TYPES.length)
  @IsIn(OPENING_TYPES, {
    each: true,
    message: `each of openingTypes must be one of ${OPENING_TYPES.join(', ')}`,
  })
  openingTypes?: OpeningType[];

  @ApiPropertyOptional({ type: [String], description: 'Municipality numbers the candidate would work in' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(MUNICIPALITY_CODE, { each: true, message: 'each of places must be a 4-digit municipality number' })
  places?: string[];
}

export class IntroductionProgrammeDto {
  @ApiProperty()
  @IsBoolean()
  enrolled!: boolean;

  @ApiPropertyOptional({ example: '2027-06-30' })
  @IsOptional()
  @IsDateOnly('endsOn')
  endsOn?: string;
}

/** Consent is explicit and defaults to "no": nothing is searchable, shared or sent without a yes. */
export class ConsentDto {
  @ApiProperty({ description: 'Staff may find the candidate in search' })
  @IsBoolean()
  searchable!: boolean;

  @ApiProperty({ description: 'Employers may see who the candidate is' })
  @IsBoolean()
  shareWithEmployers!: boolean;

  @ApiPropertyOptional({ description: 'Match notifications by e-mail' })
  @IsOptional()
  @IsBoolean()
  notifyEmail?: boolean;

  @ApiPropertyOptional({ description: 'Match notifications by SMS' })
  @IsOptional()
  @IsBoolean()
  notifySms?: boolean;

  @ApiProperty({ description: 'Match notifications in the app' })
  @IsBoolean()
  notifyInApp!: boolean;
}
/** Consent in a change: each flag given is set (with a new timestamp), each left out keeps its value. */
export class ConsentPatchDto extends PartialType(ConsentDto) {}

export const CONSENT_FLAGS = [
  'searchable',
  'shareWithEmployers',
  'notifyEmail',
  'notifySms',
  'notifyInApp',
] as const;
export type ConsentFlag = (typeof CONSENT_FLAGS)[number];

// --- write DTOs --------------------------------------------------------------------------------------------

export class CreateCandidateDto {
  @ApiProperty({ example: 'Amina Hassan' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  fullName!: string;

  @ApiPropertyOptional({ example: 'amina@example.org' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ example: '+4791234567' })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{8,20}$/, { message: 'phone must be digits, optionally starting with +' })
  phone?: string;

  @ApiProperty({ example: 'ar', description: 'ISO 639-1 code of the language messages are sent in' })
  @IsLanguageCode('preferredLanguage must be an ISO 639-1 code such as nb, en, ar or uk')
  preferredLanguage!: string;

  @ApiPropertyOptional({ type: HomeDto })
  @IsOptional()
  @NestedObject(() => HomeDto)
  home?: HomeDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 300, description: 'How far the candidate can commute, km' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(300)
  commuteKm?: number;

  @ApiPropertyOptional({ description: 'Drives and has a car at hand' })
  @IsOptional()
  @IsBoolean()
  drives?: boolean;

  @ApiPropertyOptional({ type: [LanguageDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @NestedList(() => LanguageDto)
  languages?: LanguageDto[];

  @ApiProperty({ type: [SkillClaimDto] })
  @ArrayMaxSize(100)
  @NestedList(() => SkillClaimDto)
  skills!: SkillClaimDto[];

  @ApiPropertyOptional({ type: [ExperienceDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @NestedList(() => ExperienceDto)
  experience?: ExperienceDto[];

  @ApiPropertyOptional({ type: [EducationDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @NestedList(() => EducationDto)
  education?: EducationDto[];

  @ApiPropertyOptional({ type: [String], example: ['Truckførerbevis T1', 'HMS-kort'] })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  certificates?: string[];

  @ApiPropertyOptional({ enum: LICENCE_CLASSES, isArray: true })
  @IsOptional()
  @ArrayMaxSize(LICENCE_CLASSES.length)
  @IsIn(LICENCE_CLASSES, {
    each: true,
    message: `each of drivingLicences must be one of ${LICENCE_CLASSES.join(', ')}`,
  })
  drivingLicences?: LicenceClass[];

  @ApiPropertyOptional({ type: WorkPermitDto })
  @IsOptional()
  @NestedObject(() => WorkPermitDto)
  workPermit?: WorkPermitDto;

  @ApiPropertyOptional({ type: AvailabilityDto })
  @IsOptional()
  @NestedObject(() => AvailabilityDto)
  availability?: AvailabilityDto;

  @ApiPropertyOptional({ type: WishesDto })
  @IsOptional()
  @NestedObject(() => WishesDto)
  wishes?: WishesDto;

  @ApiPropertyOptional({ type: IntroductionProgrammeDto })
  @IsOptional()
  @NestedObject(() => IntroductionProgrammeDto)
  introductionProgramme?: IntroductionProgrammeDto;

  @ApiPropertyOptional({
    default: false,
    description: 'One message a day listing new matches, instead of one message per match (e-mail and SMS)',
  })
  @IsOptional()
  @IsBoolean()
  notificationDigest?: boolean;

  @ApiProperty({ type: ConsentDto })
  @NestedObject(() => ConsentDto)
  consent!: ConsentDto;

  @ApiPropertyOptional({ enum: CANDIDATE_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(CANDIDATE_STATUSES)
  status?: CandidateStatus;

  @ApiPropertyOptional({ description: 'The staff member who follows the candidate up (their user id)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  assignedStaff?: string;

  @ApiPropertyOptional({
    description: 'Staff only: never shown to the candidate or employers, never indexed',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  staffNotes?: string;

  @ApiPropertyOptional({
    description: "The organisation's own id for the person (spreadsheet row id); recognises a re-sent import",
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  externalRef?: string;
}

/**
 * A partial update. Every field given replaces the stored one whole (lists included); `version` is the one
 * the client read, and a stale one is refused with 409 rather than overwriting someone else's change.
 */
export class UpdateCandidateDto extends PartialType(OmitType(CreateCandidateDto, ['consent'] as const)) {
  @ApiProperty({ description: 'The version the change is based on (from the last read)' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ type: ConsentPatchDto })
  @IsOptional()
  @NestedObject(() => ConsentPatchDto)
  consent?: ConsentPatchDto;
}

/**
 * Fields that may be left out of a change but never set to null: a profile always has them. (Swagger's
 * PartialType makes every field optional, and class-validator's IsOptional lets null through as well.)
 */
export const NOT_NULLABLE = [
  'fullName',
  'preferredLanguage',
  'skills',
  'consent',
  'status',
  'version',
  'notificationDigest',
] as const;

/** What a candidate may change on their own profile: not status, staff notes, assignment or the import id. */
export class UpdateOwnProfileDto extends OmitType(UpdateCandidateDto, [
  'status',
  'staffNotes',
  'assignedStaff',
  'externalRef',
] as const) {}

export class CandidateIdDto {
  @IsUUID()
  id!: string;
}

/** Matching asks for the identities of one page of matches at a time. */
export class CandidateIdsDto {
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  ids!: string[];
}

export class CandidateAuditQuery extends PageQueryDto {
  @IsUUID()
  id!: string;
}

export class UpdateCandidateCommand {
  @IsUUID()
  id!: string;

  @NestedObject(() => UpdateCandidateDto)
  patch!: UpdateCandidateDto;
}

export class UpdateOwnProfileCommand {
  @IsUUID()
  id!: string;

  @NestedObject(() => UpdateOwnProfileDto)
  patch!: UpdateOwnProfileDto;
}

export const IMPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
/**
 * A file bigger than this is refused before parsing; split it. The file travels to the candidates service as
 * one Redis pub/sub message, and Redis drops a subscriber whose output buffer passes 8 MB for a minute (the
 * 100k bench lost 12.5 MB requests that way), so 4 MB leaves room for several imports at once.
 */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5_000;

export class ImportCandidatesCommand {
  @IsIn(IMPORT_FORMATS)
  format!: ImportFormat;

  // A bad cell fails its own line when the rows are validated, not the whole file here.
  @RawText()
  @IsString()
  @MaxLength(MAX_IMPORT_BYTES)
  content!: string;
}

// --- search ------------------------------------------------------------------------------------------------

export const SEARCH_SORTS = ['relevance', 'updated', 'distance'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** `nb:B1` (spoken at least B1) or `nb:B1:written`; `ar:native` for mother tongue. */
export const LANGUAGE_FILTER = /^([a-z]{2}):(A1|A2|B1|B2|C1|C2|native)(?::(spoken|written))?$/;

export class CandidateSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Skills, job titles or languages, in any supported language; typos and ESCO synonyms work',
    example: 'welding',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ type: [String], description: 'ESCO skill ids (or their UUIDs), comma-separated' })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(30)
  @Matches(SKILL_ID_OR_UUID, { each: true, message: 'each of skills must be an ESCO skill id or its UUID' })
  skills?: string[];

  @ApiPropertyOptional({ enum: ['all', 'any'], default: 'all', description: 'Whether every skill is needed' })
  @IsOptional()
  @IsIn(['all', 'any'])
  skillsMode: 'all' | 'any' = 'all';

  @ApiPropertyOptional({
    type: [String],
    example: ['nb:B1', 'ar:native'],
    description: 'Language and minimum level: `nb:B1` (spoken), `nb:B1:written`, `ar:native`',
  })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(10)
  @Matches(LANGUAGE_FILTER, {
    each: true,
    message: 'each of language must look like nb:B1, nb:B1:written or ar:native (CEFR A1–C2)',
  })
  language?: string[];

  @ApiPropertyOptional({ example: '59.9311,10.8367', description: 'A point, `lat,lng`' })
  @IsOptional()
  @Matches(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, { message: 'near must be lat,lng' })
  near?: string;

  @ApiPropertyOptional({ example: 'Oslo', description: 'A municipality (name or number) as the centre' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  nearMunicipality?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, description: 'Radius around near / nearMunicipality, km' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  @Max(500)
  withinKm?: number;

  @ApiPropertyOptional({ type: [String], description: 'Home municipality numbers (the municipality facet)' })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(50)
  @Matches(MUNICIPALITY_CODE, { each: true, message: 'each of municipality must be a 4-digit number' })
  municipality?: string[];

  @ApiPropertyOptional({ example: '2027-01-15', description: 'Available to start on or before this date' })
  @IsOptional()
  @IsDateOnly('availableBy')
  availableBy?: string;

  @ApiPropertyOptional({ enum: OPENING_TYPES, isArray: true })
  @IsOptional()
  @Transform(commaList)
  @IsIn(OPENING_TYPES, {
    each: true,
    message: `each of openingType must be one of ${OPENING_TYPES.join(', ')}`,
  })
  openingType?: OpeningType[];

  @ApiPropertyOptional({ enum: PERMIT_STATUSES, isArray: true })
  @IsOptional()
  @Transform(commaList)
  @IsIn(PERMIT_STATUSES, {
    each: true,
    message: `each of permitStatus must be one of ${PERMIT_STATUSES.join(', ')}`,
  })
  permitStatus?: PermitStatus[];

  @ApiPropertyOptional({ enum: LICENCE_CLASSES, isArray: true, description: 'Every class listed is needed' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(LICENCE_CLASSES, {
    each: true,
    message: `each of drivingLicence must be one of ${LICENCE_CLASSES.join(', ')}`,
  })
  drivingLicence?: LicenceClass[];

  @ApiPropertyOptional({
    enum: CANDIDATE_STATUSES,
    isArray: true,
    description:
      'Only active candidates who consented are in search, so only `active` finds anyone; the filter is here for clients that state it',
  })
  @IsOptional()
  @Transform(commaList)
  @IsIn(CANDIDATE_STATUSES, {
    each: true,
    message: `each of status must be one of ${CANDIDATE_STATUSES.join(', ')}`,
  })
  status?: CandidateStatus[];

  @ApiPropertyOptional({ enum: SEARCH_SORTS, default: 'relevance' })
  @IsOptional()
  @IsIn(SEARCH_SORTS)
  sort: SearchSort = 'relevance';
}

// --- views -------------------------------------------------------------------------------------------------

export interface SkillClaimView {
  /** Null when the text resolved to nothing in the taxonomy (kept as text; staff can pick one later). */
  skillId: string | null;
  /** The taxonomy's preferred label (English: ESCO has no Norwegian skill labels). */
  label: string | null;
  text?: string;
  /** Other texts in the same list that resolved to this skill: kept, not dropped. */
  alsoTexts?: string[];
  /** 0–1; how sure the normalisation was (1 when chosen by id). */
  confidence?: number;
  /** For a text: sure, unsure (see `alternatives`) or none (kept as text only). */
  certainty?: ResolutionCertainty;
  /** For a text: what resolved it (an ESCO label, a glossary word, an occupation's name). */
  source?: ResolutionSource;
  /** For an unsure text: other readings to choose from, best first (send one as `skillId` to pick it). */
  alternatives?: { skillId: string; label: string; confidence: number }[];
  level?: number;
  years?: number;
}

export interface HomeView {
  postcode?: string;
  municipality?: string;
  municipalityName?: string;
  lat?: number;
  lng?: number;
}

export interface ConsentView {
  searchable: boolean;
  shareWithEmployers: boolean;
  notifyEmail: boolean;
  notifySms: boolean;
  notifyInApp: boolean;
  /** When each flag was last set. */
  changedAt: Record<ConsentFlag, string>;
}

export interface CandidateView {
  id: string;
  fullName: string;
  email?: string;
  phone?: string;
  preferredLanguage: string;
  home: HomeView;
  commuteKm?: number;
  drives?: boolean;
  languages: LanguageDto[];
  skills: SkillClaimView[];
  experience: ExperienceDto[];
  education: EducationDto[];
  certificates: string[];
  drivingLicences: LicenceClass[];
  workPermit?: WorkPermitDto;
  availability?: AvailabilityDto;
  wishes: Required<WishesDto>;
  introductionProgramme?: IntroductionProgrammeDto;
  notificationDigest: boolean;
  consent: ConsentView;
  status: CandidateStatus;
  assignedStaff?: string;
  /** Staff views only. */
  staffNotes?: string;
  externalRef?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What staff see in a search result list: no contact details, nothing that is not in the index. */
export interface CandidateSearchHit {
  id: string;
  fullName: string;
  municipality?: string;
  municipalityName?: string;
  skills: string[];
  languages: { code: string; level: string }[];
  /** Straight-line distance from the search centre, when one was given. */
  distanceKm?: number;
  status: CandidateStatus;
  updatedAt: string;
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface CandidateSearchResult {
  items: CandidateSearchHit[];
  total: number;
  limit: number;
  offset: number;
  facets: {
    languages: FacetCount[];
    norwegianLevel: FacetCount[];
    municipality: FacetCount[];
    topSkills: FacetCount[];
    openingTypes: FacetCount[];
  };
}

export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

export interface ImportReport {
  rows: number;
  created: number;
  /** Lines whose person is already stored (same external ref, e-mail or phone): left as they are. */
  existing: number[];
  errors: ImportRowError[];
}

export interface ProfileAuditEntry {
  at: string;
  actor: string;
  role: string;
  action: 'view' | 'create' | 'update' | 'erase';
  requestId: string;
}

/**
 * What matching may know about a candidate: no name, contact, nationality, gender, age or religion. The
 * features are the whole of what scoring can read.
 */
export interface CandidateMatchingFeatures {
  candidateId: string;
  version: number;
  /** False when the candidate is not active, or was erased. */
  matchable: boolean;
  notifyInApp: boolean;
  /** The candidate agreed that employers may see who they are; until then employers see an alias. */
  shareWithEmployers: boolean;
  features: CandidateScoringFeatures;
}

/**
 * What sending a notification needs, read at send time (so a consent withdrawn a minute ago counts):
 * where to reach the candidate, in which language, and through which channels they agreed to.
 */
export interface CandidateNotificationProfile {
  id: string;
  /** False when paused, placed or archived: nothing is sent. */
  active: boolean;
  preferredLanguage: string;
  email?: string;
  phone?: string;
  channels: { email: boolean; sms: boolean; inApp: boolean };
  digest: boolean;
}

/** Who a consenting candidate is, as an employer may see it (nothing for those who have not consented). */
export interface CandidateIdentity {
  id: string;
  fullName: string;
}
