import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

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

export class CreateEmployerDto {
  @ApiProperty({ example: 'Fjord Sveis AS' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '923609016', description: 'Norwegian organisation number (9 digits, MOD11)' })
  @Matches(/^[0-9]{9}$/, { message: 'orgNumber must be 9 digits' })
  orgNumber!: string;
}

export class CreateOpeningDto {
  @ApiProperty({ example: 'MIG welder' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ enum: OPENING_TYPES })
  @IsIn(OPENING_TYPES)
  type!: OpeningType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 20_000)
  description?: string;

  @ApiProperty({ type: [String], example: ['welding'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  mustHaveSkills!: string[];

  @ApiPropertyOptional({ type: [String], example: ['forklift driving'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  niceToHaveSkills?: string[];
}

/** RPC payload: the employer id comes from the URL, the body from the DTO above. */
export class CreateOpeningCommand {
  @IsUUID()
  employerId!: string;

  @ValidateNested()
  @Type(() => CreateOpeningDto)
  opening!: CreateOpeningDto;
}

export class IdDto {
  @IsUUID()
  id!: string;
}

export interface EmployerView {
  id: string;
  name: string;
  orgNumber: string;
  version: number;
  createdAt: string;
}

export interface OpeningView {
  id: string;
  employerId: string;
  title: string;
  type: OpeningType;
  description?: string;
  mustHaveSkills: string[];
  niceToHaveSkills: string[];
  status: OpeningStatus;
  version: number;
  publishedAt?: string;
  createdAt: string;
}

/** What matching may know about an opening. */
export interface OpeningRequirements {
  openingId: string;
  employerId: string;
  version: number;
  status: OpeningStatus;
  title: string;
  mustHaveSkills: string[];
  niceToHaveSkills: string[];
}
