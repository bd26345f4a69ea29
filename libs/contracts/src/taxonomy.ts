import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsUUID,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { trimmed } from './common';
import { PageQueryDto } from './pagination';

/**
 * Languages a taxonomy label can be asked for. ESCO ships occupation labels in the languages of the data we
 * import (Norwegian as `no`, stored here as `nb`); skills are English only. `nn` and `uk` have no labels of
 * their own yet and are accepted because candidates read them: they fall back as LABEL_FALLBACK says.
 */
export const TAXONOMY_LANGS = [
  'nb',
  'nn',
  'en',
  'ar',
  'uk',
  'sv',
  'da',
  'is',
  'de',
  'fr',
  'es',
  'pt',
  'it',
  'pl',
  'lt',
  'ro',
  'bg',
] as const;
export type TaxonomyLang = (typeof TAXONOMY_LANGS)[number];

/**
 * The declared fallback chain: a label is shown in the first language of the chain that has one. English
 * is last everywhere because every ESCO concept has an English preferred label.
 */
export function labelFallback(lang: TaxonomyLang): TaxonomyLang[] {
  // Nynorsk, Danish and Swedish readers read bokmål far more easily than English.
  if (lang === 'nn' || lang === 'da' || lang === 'sv') return [lang, 'nb', 'en'];
  return lang === 'en' ? ['en'] : [lang, 'en'];
}

export const SKILL_TYPES = ['skill/competence', 'knowledge', 'language', 'unknown'] as const;
export type SkillType = (typeof SKILL_TYPES)[number];

/** ESCO ids without the `http://data.europa.eu/esco/` prefix. */
export const SKILL_ID = /^skill\/[0-9a-f-]{36}$/;
export const OCCUPATION_ID = /^occupation\/[0-9a-f-]{36}$/;

export class TaxonomySearchQueryDto {
  @ApiProperty({ example: 'weldng', description: 'What the user typed, 1–100 characters' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  q!: string;

  @ApiPropertyOptional({ enum: TAXONOMY_LANGS, default: 'nb', description: 'Label language; see fallback' })
  @IsOptional()
  @IsIn(TAXONOMY_LANGS, { message: `lang must be one of ${TAXONOMY_LANGS.join(', ')}` })
  lang: TaxonomyLang = 'nb';

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 10;
}

export class OccupationQueryDto {
  @ApiPropertyOptional({ enum: TAXONOMY_LANGS, default: 'nb' })
  @IsOptional()
  @IsIn(TAXONOMY_LANGS, { message: `lang must be one of ${TAXONOMY_LANGS.join(', ')}` })
  lang: TaxonomyLang = 'nb';
}

/**
 * A fuzzy lookup costs ~10 ms: 200 texts answer within ~2 s, well inside the callers' RPC timeout (the bench
 * saw 1,000 misspelled texts take ~10 s and time out).
 */
export const MAX_NORMALISE_TEXTS = 200;
export const MAX_EXTRACT_CHARS = 20_000;

/**
 * Either `texts` (short skill names, each resolved on its own) or `text` (a paragraph, such as an opening's
 * description, from which the skills it mentions are extracted). Exactly one of the two.
 */
export class NormaliseDto {
  @ApiPropertyOptional({ type: [String], example: ['sveising', 'MIG weldng', 'food hygiene'] })
  @ValidateIf((o: NormaliseDto) => o.texts !== undefined || o.text === undefined)
  @ArrayMinSize(1, { message: 'texts (or text) is required' })
  @ArrayMaxSize(MAX_NORMALISE_TEXTS, { message: `texts takes at most ${MAX_NORMALISE_TEXTS} items` })
  @IsString({ each: true })
  @Length(1, 200, { each: true, message: 'each of texts must be 1–200 characters' })
  texts?: string[];

  @ApiPropertyOptional({ example: 'We need a cook with food hygiene training and a forklift licence.' })
  @ValidateIf((o: NormaliseDto) => o.text !== undefined)
  @IsString()
  @Length(1, MAX_EXTRACT_CHARS)
  @Matches(/\S/, { message: 'text must not be blank' })
  text?: string;

  @ApiPropertyOptional({ enum: TAXONOMY_LANGS, default: 'nb' })
  @IsOptional()
  @IsIn(TAXONOMY_LANGS, { message: `lang must be one of ${TAXONOMY_LANGS.join(', ')}` })
  lang: TaxonomyLang = 'nb';
}

export class RelatedSkillsQuery {
  @IsString({ each: true })
  @ArrayMaxSize(2000)
  @Matches(SKILL_ID, { each: true })
  skillIds!: string[];
}

/** Labels of known concepts, for other services' search documents. Unknown or retired ids are left out. */
export class DescribeConceptsQuery {
  @IsString({ each: true })
  @ArrayMaxSize(20_000)
  @Matches(SKILL_ID, { each: true })
  skillIds!: string[];

  @IsString({ each: true })
  @ArrayMaxSize(20_000)
  @Matches(OCCUPATION_ID, { each: true })
  occupationIds!: string[];
}

/** Skills' names in a reader's language, for texts other services write (notifications, match cards). */
export class SkillNamesQuery {
  @IsString({ each: true })
  @ArrayMaxSize(2000)
  @Matches(SKILL_ID, { each: true })
  skillIds!: string[];

  @IsIn(TAXONOMY_LANGS, { message: `lang must be one of ${TAXONOMY_LANGS.join(', ')}` })
  lang!: TaxonomyLang;
}

export class GetOccupationQuery extends OccupationQueryDto {
  @Matches(OCCUPATION_ID, { message: 'id must be an ESCO occupation id' })
  id!: string;
}

// --- views -------------------------------------------------------------------------------------------------

export interface LabelInLang {
  /** The label in the asked language, or the first language of the fallback chain that has one. */
  label: string;
  lang: TaxonomyLang;
}

/** A skill's name in the asked language, or the first of its fallback chain that has one. */
export interface SkillName extends LabelInLang {
  id: string;
}

export interface SkillHit extends LabelInLang {
  id: string;
  /** The label (in whatever language) the query matched: often an alternative or hidden label. */
  matchedLabel: string;
  type: SkillType;
  reuseLevel: string | null;
}

export interface OccupationHit extends LabelInLang {
  id: string;
  matchedLabel: string;
  iscoGroup: string;
  /** The Norwegian STYRK-08 group the ISCO group maps to, when there is one. */
  styrk: { code: string; name: string } | null;
}

export interface SkillRef extends LabelInLang {
  id: string;
  type: SkillType;
}

export interface OccupationDetail extends OccupationHit {
  description: string | null;
  iscoLabel: string | null;
  essentialSkills: SkillRef[];
  optionalSkills: SkillRef[];
}

/**
 * Why a text resolved to a skill: one of the skill's ESCO labels (English, or Norwegian where ESCO has
 * published them), a word of the Brobygger glossary, or the name of an occupation standing for its core skills.
 */
export type ResolutionSource = 'esco' | 'glossary' | 'occupation';

export interface ResolvedSkill {
  id: string;
  /** The skill's name in the asked language where the taxonomy has one, else English (see `lang`). */
  label: string;
  lang?: TaxonomyLang;
  /** 0–1; 1 is an exact label. Below the service's threshold only an unsure text's alternatives are returned. */
  confidence: number;
  matchedLabel: string;
  source?: ResolutionSource;
  /** With source `occupation`: the occupation whose name was typed. */
  occupationId?: string;
}

/**
 * sure: an exact or near-exact label, a glossary word or an occupation's name, and no other reading as
 * likely; unsure: the best guess, with alternatives worth showing; none: nothing close enough.
 */
export type ResolutionCertainty = 'sure' | 'unsure' | 'none';

export interface NormalisedText {
  text: string;
  /**
   * Best first; empty when nothing is close enough ("none"). When `unsure`, readings a little below the
   * threshold follow the answer as alternatives to choose from.
   */
  skills: ResolvedSkill[];
  certainty: ResolutionCertainty;
}

export interface ExtractedSkill extends ResolvedSkill {
  /** The words of the text that gave the skill away. */
  evidence: string;
}

export type NormaliseResult =
  { kind: 'texts'; results: NormalisedText[] } | { kind: 'text'; skills: ExtractedSkill[] };

export type ProximityReason = 'same' | 'broader' | 'narrower' | 'sibling' | 'related' | 'shared-occupations';

export interface SkillNeighbour {
  skillId: string;
  other: string;
  score: number;
  reason: ProximityReason;
}

export interface ConceptLabels {
  id: string;
  /** The English preferred label (every ESCO concept has one). */
  label: string;
  /** Every other preferred and alternative label, every language, deduplicated; hidden labels left out. */
  otherLabels: string[];
}

export interface DescribedConcepts {
  skills: ConceptLabels[];
  occupations: ConceptLabels[];
}

export interface TaxonomyInfo {
  version: string | null;
  skills: number;
  occupations: number;
  importedAt: string | null;
}

// --- the glossary ---------------------------------------------------------------------------------------

/** The languages the glossary is written in: the four Brobygger's candidates read. */
export const GLOSSARY_LANGS = ['nb', 'en', 'ar', 'uk'] as const;
export type GlossaryLang = (typeof GLOSSARY_LANGS)[number];
export const GLOSSARY_STATUSES = ['drafted', 'reviewed', 'rejected'] as const;
export type GlossaryStatus = (typeof GLOSSARY_STATUSES)[number];
export const MAX_GLOSSARY_SKILLS = 4;

export class GlossaryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: GLOSSARY_LANGS })
  @IsOptional()
  @IsIn(GLOSSARY_LANGS, { message: `lang must be one of ${GLOSSARY_LANGS.join(', ')}` })
  lang?: GlossaryLang;

  @ApiPropertyOptional({ enum: GLOSSARY_STATUSES })
  @IsOptional()
  @IsIn(GLOSSARY_STATUSES, { message: `status must be one of ${GLOSSARY_STATUSES.join(', ')}` })
  status?: GlossaryStatus;

  @ApiPropertyOptional({ description: 'Terms starting with this (case and accents ignored)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ description: 'Entries that point at this skill' })
  @IsOptional()
  @Matches(SKILL_ID, { message: 'skillId must be an ESCO skill id (skill/<uuid>)' })
  skillId?: string;
}

export class AddGlossaryEntryDto {
  @ApiProperty({ enum: GLOSSARY_LANGS })
  @IsIn(GLOSSARY_LANGS, { message: `lang must be one of ${GLOSSARY_LANGS.join(', ')}` })
  lang!: GlossaryLang;

  @ApiProperty({ example: 'renhold', description: 'The word as people type it, 1–100 characters' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'term must not be blank' })
  term!: string;

  @ApiProperty({ type: [String], description: `1–${MAX_GLOSSARY_SKILLS} ESCO skill ids, best first` })
  @IsArray()
  @ArrayMinSize(1, { message: 'skillIds needs at least one skill' })
  @ArrayMaxSize(MAX_GLOSSARY_SKILLS, { message: `skillIds takes at most ${MAX_GLOSSARY_SKILLS} skills` })
  @Matches(SKILL_ID, { each: true, message: 'each of skillIds must be an ESCO skill id (skill/<uuid>)' })
  skillIds!: string[];

  @ApiPropertyOptional({ description: 'A short gloss for reviewers' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(0, 500)
  note?: string;
}

/** A change by an admin: the skills, the note, or the review (`reviewed` or `rejected`; `drafted` reopens it). */
export class UpdateGlossaryEntryDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'skillIds needs at least one skill' })
  @ArrayMaxSize(MAX_GLOSSARY_SKILLS, { message: `skillIds takes at most ${MAX_GLOSSARY_SKILLS} skills` })
  @Matches(SKILL_ID, { each: true, message: 'each of skillIds must be an ESCO skill id (skill/<uuid>)' })
  skillIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(0, 500)
  note?: string;

  @ApiPropertyOptional({ enum: GLOSSARY_STATUSES })
  @IsOptional()
  @IsIn(GLOSSARY_STATUSES, { message: `status must be one of ${GLOSSARY_STATUSES.join(', ')}` })
  status?: GlossaryStatus;
}

export class UpdateGlossaryEntryCommand extends UpdateGlossaryEntryDto {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export interface GlossaryEntryView {
  id: string;
  lang: GlossaryLang;
  term: string;
  skills: { id: string; label: string }[];
  note: string | null;
  /** Always `glossary`: ESCO's own labels are not entries here. */
  source: 'glossary';
  /** shipped with the release, or added by an admin. */
  origin: 'shipped' | 'admin';
  status: GlossaryStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdBy: string | null;
  updatedAt: string;
}
