import { randomUUID } from 'node:crypto';
import { EntityRepositoryType, OptionalProps } from '@mikro-orm/postgresql';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type {
  LanguageRequirementsDto,
  OpeningStatus,
  OpeningType,
  PlaceView,
  ScreeningFlagView,
  SkillRequirementView,
  WorkplaceMode,
} from '@brobygger/contracts';
import { OpeningRepository } from './opening.repository';

@Entity({ tableName: 'opening', repository: () => OpeningRepository })
@Index({ properties: ['status', 'type'] })
export class Opening {
  [EntityRepositoryType]?: OpeningRepository;
  [OptionalProps]?: 'status' | 'version' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  employerId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  type!: OpeningType;

  @Property({ type: 'text', nullable: true })
  @Index()
  occupationId?: string | null;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'json' })
  mustHaveSkills: SkillRequirementView[] = [];

  @Property({ type: 'json' })
  niceToHaveSkills: SkillRequirementView[] = [];

  @Property({ type: 'json' })
  languages: LanguageRequirementsDto = {};

  @Property({ type: 'json' })
  workplace: PlaceView & { mode: WorkplaceMode } = { mode: 'on-site' };

  /** Copied out of `workplace` so the list can filter on it with an index. */
  @Property({ type: 'text', nullable: true })
  @Index()
  municipality?: string | null;

  @Property({ type: 'integer', nullable: true })
  hoursPercent?: number | null;

  @Property({ type: 'boolean', nullable: true })
  shifts?: boolean | null;

  @Property({ type: 'text', nullable: true })
  startDate?: string | null;

  @Property({ type: 'integer', nullable: true })
  durationWeeks?: number | null;

  @Property({ type: 'integer' })
  positions: number = 1;

  @Property({ type: 'text', nullable: true })
  applicationDeadline?: string | null;

  @Property({ type: 'json' })
  drivingLicences: string[] = [];

  @Property({ type: 'json' })
  certificates: string[] = [];

  @Property({ type: 'boolean' })
  workPermitRequired: boolean = true;

  @Property({ type: 'boolean' })
  languageSupport: boolean = false;

  @Property({ type: 'boolean' })
  mentor: boolean = false;

  /** Advertised without the employer's name (candidates' messages name only the place). */
  @Property({ type: 'boolean' })
  anonymousEmployer: boolean = false;

  @Property({ type: 'text', nullable: true })
  internalNotes?: string | null;

  /** Flags from the last save, each with its acknowledgement when given. */
  @Property({ type: 'json' })
  screening: ScreeningFlagView[] = [];

  @Property({ type: 'text' })
  status: OpeningStatus = 'draft';

  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  closeReason?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
