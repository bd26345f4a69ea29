import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
  PickType,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type { OpeningScoringRequirements } from './matching';
import {
  CEFR_LEVELS,
  commaList,
  IsDateOnly,
  IsLanguageCode,
  NestedList,
  NestedObject,
  spacesRemoved,
  LICENCE_CLASSES,
  trimmed,
  type CefrLevel,
  type LicenceClass,
} from './common';
import { PageQueryDto } from './pagination';
import { OCCUPATION_ID, SKILL_ID } from './taxonomy';

export const OPENING_TYPES = [
  'permanent',
  'temporary',
  'internship',
  'work-trial',
  'apprenticeship',
  'summer-job',
] as const;
export type OpeningType = (typeof OPENING_TYPES)[number];

export const OPENING_STATUSES = ['draft', 'published', 'filled', 'closed'] as const;
export type OpeningStatus = (typeof OPENING_STATUSES)[number];

export const PARTNERSHIP_STATUSES = ['prospect', 'active', 'paused', 'ended'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

export const INTERACTION_KINDS = ['meeting', 'call', 'email', 'event'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const WORKPLACE_MODES = ['on-site', 'hybrid', 'remote'] as const;
export type WorkplaceMode = (typeof WORKPLACE_MODES)[number];

// --- employers ---------------------------------------------------------------------------------------------

export class AddressDto {
  @ApiPropertyOptional({ example: 'Strømsveien 245' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  street?: string;

  @ApiPropertyOptional({ example: '0668', description: 'Gives municipality and coordinates' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'postcode must be a 4-digit Norwegian postcode' })
  postcode?: string;

  @ApiPropertyOptional({ example: '0301' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipality must be a 4-digit municipality number' })
  municipality?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: AddressDto) => o.lat !== undefined || o.lng !== undefined)
  @IsLatitude({ message: 'lat must be a latitude between -90 and 90' })
  lat?: number;

  @ApiPropertyOptional()
  @ValidateIf((o: AddressDto) => o.lat !== undefined || o.lng !== undefined)
  @IsLongitude({ message: 'lng must be a longitude between -180 and 180' })
  lng?: number;
}

export class ContactDto {
  @ApiProperty({ example: 'Kari Nordmann' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'HR manager' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  role?: string;

  @ApiPropertyOptional({ example: 'kari@fjordsveis.no' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ example: '+4791234567' })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{8,20}$/, { message: 'phone must be digits, optionally starting with +' })
  phone?: string;
}

export class CreateEmployerDto {
  @ApiProperty({ example: 'Fjord Sveis AS', description: 'Legal name' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '923609016', description: 'Norwegian organisation number (9 digits, MOD11)' })
  @Transform(spacesRemoved)
  @Matches(/^[0-9]{9}$/, { message: 'orgNumber must be 9 digits' })
  orgNumber!: string;

  @ApiPropertyOptional({ example: '25.110', description: 'NACE (SN2007) industry code' })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{1,3})?$/, { message: 'nace must be a NACE code such as 25 or 25.110' })
  nace?: string;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @NestedObject(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ example: 'https://fjordsveis.no' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'website must be an http(s) URL' },
  )
  website?: string;

  @ApiPropertyOptional({ type: [ContactDto] })
  @IsOptional()
  @ArrayMaxSize(20)
  @NestedList(() => ContactDto)
  contacts?: ContactDto[];
}

export class UpdateEmployerDto extends PartialType(OmitType(CreateEmployerDto, ['contacts'] as const)) {
  @ApiProperty({ description: 'The version the change is based on' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class CommitmentsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  internshipPlacesPerYear?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  mentors?: number;

  @ApiPropertyOptional({ example: 'Two work trials each spring' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  other?: string;
}

/** A partnership change: the new status, why, and (optionally) the agreement it rests on. */
export class ChangePartnershipDto {
  @ApiProperty({ enum: PARTNERSHIP_STATUSES })
  @IsIn(PARTNERSHIP_STATUSES, { message: `status must be one of ${PARTNERSHIP_STATUSES.join(', ')}` })
  status!: PartnershipStatus;

  @ApiProperty({ example: 'Signed the agreement at the meeting on 12 November' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiPropertyOptional({ example: '2027-01-01' })
  @IsOptional()
  @IsDateOnly('agreementFrom')
  agreementFrom?: string;

  @ApiPropertyOptional({ example: '2027-12-31' })
  @IsOptional()
  @IsDateOnly('agreementTo')
  agreementTo?: string;

  @ApiPropertyOptional({ type: CommitmentsDto })
  @IsOptional()
  @NestedObject(() => CommitmentsDto)
  commitments?: CommitmentsDto;
}

export class CreateInteractionDto {
  @ApiProperty({ enum: INTERACTION_KINDS })
  @IsIn(INTERACTION_KINDS, { message: `kind must be one of ${INTERACTION_KINDS.join(', ')}` })
  kind!: InteractionKind;

  @ApiProperty({ example: '2026-11-20', description: 'When it happened' })
  @IsDateOnly('on')
  on!: string;

  @ApiProperty({ example: 'Talked about two internship places for spring' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 10_000)
  notes!: string;
}

export class EmployerListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: PARTNERSHIP_STATUSES })
  @IsOptional()
  @IsIn(PARTNERSHIP_STATUSES)
  partnership?: PartnershipStatus;

  @ApiPropertyOptional({ description: 'Part of the name or the organisation number' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  q?: string;
}

// --- openings ----------------------------------------------------------------------------------------------

export class SkillRequirementDto {
  @ApiPropertyOptional({ example: 'skill/2fcd95a4-1f9a-41cf-95a9-4701bde476b4' })
  // A text of null is no text: then the id is needed.
  @ValidateIf((o: SkillRequirementDto) => o.skillId !== undefined || o.text === undefined || o.text === null)
  @Matches(SKILL_ID, { message: 'skillId must be an ESCO skill id (skill/<uuid>); or give text' })
  skillId?: string;

  @ApiPropertyOptional({
    example: 'MIG welding',
    description: 'Resolved through the taxonomy; kept beside the id',
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
  minLevel?: number;
}

export class OtherLanguageDto {
  @ApiProperty({ example: 'en' })
  @IsLanguageCode('code must be an ISO 639-1 code')
  code!: string;

  @ApiProperty({ enum: CEFR_LEVELS })
  @IsIn(CEFR_LEVELS, { message: `min must be a CEFR level (${CEFR_LEVELS.join(', ')})` })
  min!: CefrLevel;
}

export class LanguageRequirementsDto {
  @ApiPropertyOptional({ enum: CEFR_LEVELS, description: 'Minimum Norwegian (CEFR), spoken' })
  @IsOptional()
  @IsIn(CEFR_LEVELS, { message: `norwegianMin must be a CEFR level (${CEFR_LEVELS.join(', ')})` })
  norwegianMin?: CefrLevel;

  @ApiPropertyOptional({ type: [OtherLanguageDto] })
  @IsOptional()
  @ArrayMaxSize(10)
  @NestedList(() => OtherLanguageDto)
  others?: OtherLanguageDto[];
}

export class WorkplaceDto extends AddressDto {
  @ApiPropertyOptional({ enum: WORKPLACE_MODES, default: 'on-site' })
  @IsOptional()
  @IsIn(WORKPLACE_MODES, { message: `mode must be one of ${WORKPLACE_MODES.join(', ')}` })
  mode?: WorkplaceMode;
}

export class CreateOpeningDto {
  @ApiProperty({ example: 'MIG-sveiser' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({
    enum: OPENING_TYPES,
    description: 'internship = praksisplass, work-trial = jobbhospitering',
  })
  @IsIn(OPENING_TYPES, { message: `type must be one of ${OPENING_TYPES.join(', ')}` })
  type!: OpeningType;

  @ApiPropertyOptional({ example: 'occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b' })
  @IsOptional()
  @Matches(OCCUPATION_ID, { message: 'occupationId must be an ESCO occupation id' })
  occupationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiProperty({ type: [SkillRequirementDto] })
  @ArrayMaxSize(50)
  @NestedList(() => SkillRequirementDto)
  mustHaveSkills!: SkillRequirementDto[];

  @ApiPropertyOptional({ type: [SkillRequirementDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @NestedList(() => SkillRequirementDto)
  niceToHaveSkills?: SkillRequirementDto[];

  @ApiPropertyOptional({ type: LanguageRequirementsDto })
  @IsOptional()
  @NestedObject(() => LanguageRequirementsDto)
  languages?: LanguageRequirementsDto;

  @ApiPropertyOptional({ type: WorkplaceDto })
  @IsOptional()
  @NestedObject(() => WorkplaceDto)
  workplace?: WorkplaceDto;

  @ApiPropertyOptional({ minimum: 10, maximum: 100, example: 100 })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(100)
  hoursPercent?: number;

  @ApiPropertyOptional({ description: 'Shift or rota work' })
  @IsOptional()
  @IsBoolean()
  shifts?: boolean;

  @ApiPropertyOptional({ example: '2027-01-04' })
  @IsOptional()
  @IsDateOnly('startDate')
  startDate?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 104,
    description: 'Internships and work trials: length in weeks',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(104)
  durationWeeks?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  positions?: number;

  @ApiPropertyOptional({ example: '2026-12-15', description: 'The opening closes by itself after this day' })
  @IsOptional()
  @IsDateOnly('applicationDeadline')
  applicationDeadline?: string;

  @ApiPropertyOptional({ enum: LICENCE_CLASSES, isArray: true })
  @IsOptional()
  @ArrayMaxSize(LICENCE_CLASSES.length)
  @IsIn(LICENCE_CLASSES, {
    each: true,
    message: `each of drivingLicences must be one of ${LICENCE_CLASSES.join(', ')}`,
  })
  drivingLicences?: LicenceClass[];

  @ApiPropertyOptional({ type: [String], example: ['Truckførerbevis T1'] })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  certificates?: string[];

  @ApiPropertyOptional({ description: 'A work permit is needed (almost always true for a job in Norway)' })
  @IsOptional()
  @IsBoolean()
  workPermitRequired?: boolean;

  @ApiPropertyOptional({ description: 'Norwegian language support on the job' })
  @IsOptional()
  @IsBoolean()
  languageSupport?: boolean;

  @ApiPropertyOptional({ description: 'A mentor follows the person up' })
  @IsOptional()
  @IsBoolean()
  mentor?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: "Advertise without the employer's name: candidates' messages then name only the place",
  })
  @IsOptional()
  @IsBoolean()
  anonymousEmployer?: boolean;

  @ApiPropertyOptional({ description: 'Staff and the employer only; never shown to candidates' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  internalNotes?: string;
}

export class UpdateOpeningDto extends PartialType(CreateOpeningDto) {
  @ApiProperty({ description: 'The version the change is based on' })
  @IsInt()
  @Min(1)
  version!: number;
}

export const CLOSE_OUTCOMES = ['filled', 'closed'] as const;

export class CloseOpeningDto {
  @ApiProperty({ enum: CLOSE_OUTCOMES, description: 'filled: someone got it; closed: withdrawn' })
  @IsIn(CLOSE_OUTCOMES, { message: 'outcome must be filled or closed' })
  outcome!: (typeof CLOSE_OUTCOMES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class AcknowledgeFlagsDto {
  @ApiProperty({ type: [String], description: 'The `key` of each flag acknowledged' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  keys!: string[];

  @ApiProperty({ example: 'Norwegian at C1 is needed: the job is customer service on the phone' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 2000)
  note!: string;
}

export class OpeningListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: OPENING_TYPES, isArray: true })
  @IsOptional()
  @Transform(commaList)
  @IsIn(OPENING_TYPES, { each: true, message: `each of type must be one of ${OPENING_TYPES.join(', ')}` })
  type?: OpeningType[];

  @ApiPropertyOptional({ enum: OPENING_STATUSES, isArray: true })
  @IsOptional()
  @Transform(commaList)
  @IsIn(OPENING_STATUSES, {
    each: true,
    message: `each of status must be one of ${OPENING_STATUSES.join(', ')}`,
  })
  status?: OpeningStatus[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(OCCUPATION_ID, { message: 'occupation must be an ESCO occupation id' })
  occupation?: string;

  @ApiPropertyOptional({ description: 'Workplace municipality number' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipality must be a 4-digit municipality number' })
  municipality?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('4', { message: 'employer must be a UUID' })
  employer?: string;
}

/** RPC payloads: ids come from the URL, bodies from the DTOs above. */
export class CreateOpeningCommand {
  @IsUUID()
  employerId!: string;

  @NestedObject(() => CreateOpeningDto)
  opening!: CreateOpeningDto;
}

export class UpdateOpeningCommand {
  @IsUUID()
  id!: string;

  @NestedObject(() => UpdateOpeningDto)
  patch!: UpdateOpeningDto;
}

export class UpdateEmployerCommand {
  @IsUUID()
  id!: string;

  @NestedObject(() => UpdateEmployerDto)
  patch!: UpdateEmployerDto;
}

export class ChangePartnershipCommand {
  @IsUUID()
  id!: string;

  @NestedObject(() => ChangePartnershipDto)
  change!: ChangePartnershipDto;
}

export class ContactCommand {
  @IsUUID()
  employerId!: string;

  @NestedObject(() => ContactDto)
  contact!: ContactDto;
}

export class ContactIdCommand {
  @IsUUID()
  employerId!: string;

  @IsUUID()
  contactId!: string;
}

/** A contact change: the fields given are set, the others kept; null clears role, e-mail or phone. */
export class ContactPatchDto extends PartialType(ContactDto) {}

export class UpdateContactCommand extends ContactIdCommand {
  @NestedObject(() => ContactPatchDto)
  contact!: ContactPatchDto;
}

export class InteractionCommand {
  @IsUUID()
  employerId!: string;

  @NestedObject(() => CreateInteractionDto)
  interaction!: CreateInteractionDto;
}

export class EmployerPageQuery extends PageQueryDto {
  @IsUUID()
  employerId!: string;
}

export class CloseOpeningCommand {
  @IsUUID()
  id!: string;

  @NestedObject(() => CloseOpeningDto)
  close!: CloseOpeningDto;
}

export class AcknowledgeFlagsCommand {
  @IsUUID()
  id!: string;

  @NestedObject(() => AcknowledgeFlagsDto)
  ack!: AcknowledgeFlagsDto;
}

export class IdDto {
  @IsUUID()
  id!: string;
}

// --- views -------------------------------------------------------------------------------------------------

export interface PlaceView {
  street?: string;
  postcode?: string;
  municipality?: string;
  municipalityName?: string;
  lat?: number;
  lng?: number;
}

export interface ContactView extends ContactDto {
  id: string;
}

export interface PartnershipView {
  status: PartnershipStatus;
  agreementFrom?: string;
  agreementTo?: string;
  commitments: CommitmentsDto;
  history: {
    from: PartnershipStatus | null;
    to: PartnershipStatus;
    by: string;
    at: string;
    reason: string;
  }[];
}

export interface EmployerView {
  id: string;
  name: string;
  orgNumber: string;
  nace?: string;
  address: PlaceView;
  website?: string;
  contacts: ContactView[];
  partnership: PartnershipView;
  version: number;
  createdAt: string;
}

export interface InteractionView {
  id: string;
  kind: InteractionKind;
  on: string;
  notes: string;
  by: string;
  createdAt: string;
}

export interface SkillRequirementView {
  skillId: string | null;
  label: string | null;
  text?: string;
  confidence?: number;
  minLevel?: number;
}

/** Wording that may discriminate, found when the opening was saved. */
export interface ScreeningFlagView {
  key: string;
  ruleId: string;
  category: string;
  field: string;
  phrase: string;
  reason: { nb: string; en: string };
  suggestion?: { nb: string; en: string };
  acknowledged?: { by: string; at: string; note: string };
}

export interface OpeningView {
  id: string;
  /** Absent for candidates when the opening is advertised without the employer's name. */
  employerId?: string;
  title: string;
  type: OpeningType;
  occupationId?: string;
  description?: string;
  mustHaveSkills: SkillRequirementView[];
  niceToHaveSkills: SkillRequirementView[];
  languages: LanguageRequirementsDto;
  workplace: PlaceView & { mode: WorkplaceMode };
  hoursPercent?: number;
  shifts?: boolean;
  startDate?: string;
  durationWeeks?: number;
  positions: number;
  applicationDeadline?: string;
  drivingLicences: string[];
  certificates: string[];
  workPermitRequired: boolean;
  languageSupport: boolean;
  mentor: boolean;
  anonymousEmployer: boolean;
  /** Staff and the employer only. */
  internalNotes?: string;
  /** Staff and the employer only. */
  screening?: ScreeningFlagView[];
  status: OpeningStatus;
  version: number;
  publishedAt?: string;
  closedAt?: string;
  /** Staff and the employer only: why the opening was closed. */
  closeReason?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * An opening as the employer's form holds it before it is saved: the title, and what else is filled in.
 * The same fields and rules as creating one, so a form that passes here passes there.
 */
export class SuggestForDraftDto extends IntersectionType(
  PickType(CreateOpeningDto, ['title'] as const),
  PartialType(
    PickType(CreateOpeningDto, [
      'occupationId',
      'description',
      'mustHaveSkills',
      'niceToHaveSkills',
    ] as const),
  ),
) {}

export type SuggestionSource = 'title' | 'occupation-essential' | 'occupation-optional' | 'description';

export interface OpeningSuggestions {
  occupations: { id: string; label: string; source: 'title' }[];
  skills: {
    skillId: string;
    label: string;
    sources: SuggestionSource[];
    /** Where it came from in the description, when it did. */
    evidence?: string;
    confidence: number;
    /** Already among the opening's must-haves or nice-to-haves. */
    chosen: boolean;
  }[];
}

/** What matching may know about an opening. */
export interface OpeningRequirements {
  openingId: string;
  employerId: string;
  version: number;
  status: OpeningStatus;
  title: string;
  requirements: OpeningScoringRequirements;
  /** What a candidate's message about the opening may say (nothing internal). */
  display: OpeningDisplay;
}

export interface OpeningDisplay {
  title: string;
  type: OpeningType;
  /** Absent when the opening is advertised without the employer's name. */
  employerName?: string;
  /** Municipality name of the workplace; absent for remote work. */
  place?: string;
  /** YYYY-MM-DD. */
  startDate?: string;
}
