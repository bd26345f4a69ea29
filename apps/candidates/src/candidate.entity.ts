import { randomUUID } from 'node:crypto';
import { EntityRepositoryType, OptionalProps } from '@mikro-orm/postgresql';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type {
  AvailabilityDto,
  CandidateStatus,
  ConsentFlag,
  EducationDto,
  ExperienceDto,
  HomeView,
  IntroductionProgrammeDto,
  LanguageDto,
  LicenceClass,
  SkillClaimView,
  WishesDto,
  WorkPermitDto,
} from '@brobygger/contracts';
import { CandidateRepository } from './candidate.repository';

/**
 * A candidate profile. Lists and small records are jsonb: they are read and written whole with the profile,
 * and every query across candidates goes to the search index or matching's read model, not to these columns.
 */
@Entity({ tableName: 'candidate', repository: () => CandidateRepository })
export class Candidate {
  [EntityRepositoryType]?: CandidateRepository;
  [OptionalProps]?: 'status' | 'version' | 'createdAt' | 'updatedAt' | 'searchable';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  fullName!: string;

  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Property({ type: 'text' })
  preferredLanguage!: string;

  @Property({ type: 'json' })
  home: HomeView = {};

  @Property({ type: 'integer', nullable: true })
  commuteKm?: number | null;

  @Property({ type: 'boolean', nullable: true })
  drives?: boolean | null;

  @Property({ type: 'json' })
  languages: LanguageDto[] = [];

  @Property({ type: 'json' })
  skills: SkillClaimView[] = [];

  @Property({ type: 'json' })
  experience: ExperienceDto[] = [];

  @Property({ type: 'json' })
  education: EducationDto[] = [];

  @Property({ type: 'json' })
  certificates: string[] = [];

  @Property({ type: 'json' })
  drivingLicences: LicenceClass[] = [];

  @Property({ type: 'json', nullable: true })
  workPermit?: WorkPermitDto | null;

  @Property({ type: 'json', nullable: true })
  availability?: AvailabilityDto | null;

  @Property({ type: 'json' })
  wishes: Required<WishesDto> = { occupationIds: [], openingTypes: [], places: [] };

  @Property({ type: 'json', nullable: true })
  introductionProgramme?: IntroductionProgrammeDto | null;

  /** Matches arrive as one message a day instead of one each (e-mail and SMS). */
  @Property({ type: 'boolean' })
  notificationDigest: boolean = false;

  @Property({ type: 'boolean' })
  consentSearchable: boolean = false;

  @Property({ type: 'boolean' })
  consentShareWithEmployers: boolean = false;

  @Property({ type: 'boolean' })
  consentNotifyEmail: boolean = false;

  @Property({ type: 'boolean' })
  consentNotifySms: boolean = false;

  @Property({ type: 'boolean' })
  consentNotifyInApp: boolean = false;

  /** When each consent flag was last set (ISO timestamps): consent must be shown, not just held. */
  @Property({ type: 'json' })
  consentChangedAt!: Record<ConsentFlag, string>;

  @Property({ type: 'text' })
  status: CandidateStatus = 'active';

  @Property({ type: 'text', nullable: true })
  assignedStaff?: string | null;

  /** Never leaves the candidates service except in staff views: not indexed, not sent to matching. */
  @Property({ type: 'text', nullable: true })
  staffNotes?: string | null;

  @Property({ type: 'text', nullable: true })
  externalRef?: string | null;

  /**
   * How an import recognises the person when a file is sent again: the external ref, else (for imported rows)
   * the e-mail, else the phone, as first stored (see importKeyOf). Unique.
   */
  @Property({ type: 'text', nullable: true })
  @Unique()
  importKey?: string | null;

  /** Optimistic lock; also the version matching and search compare to ignore stale work. */
  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  @Index()
  updatedAt: Date = new Date();

  /** In search: consented and active (paused, placed and archived profiles are shown to no one there). */
  get searchable(): boolean {
    return this.consentSearchable && this.status === 'active';
  }
}

/** One line per staff (or other) access to a profile. Kept after erasure: it holds the id, not the person. */
@Entity({ tableName: 'profile_audit' })
@Index({ properties: ['candidateId', 'at'] })
export class ProfileAudit {
  [OptionalProps]?: 'id' | 'at';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  candidateId!: string;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'text' })
  role!: string;

  @Property({ type: 'text' })
  action!: 'view' | 'create' | 'update' | 'erase';

  @Property({ type: 'text' })
  requestId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date = new Date();
}
