import { randomUUID } from 'node:crypto';
import { EntityRepositoryType, OptionalProps } from '@mikro-orm/postgresql';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { CandidateStatus, SkillClaimView } from '@brobygger/contracts';
import { CandidateRepository } from './candidate.repository';

@Entity({ tableName: 'candidate', repository: () => CandidateRepository })
export class Candidate {
  [EntityRepositoryType]?: CandidateRepository;
  [OptionalProps]?: 'consentUpdatedAt' | 'status' | 'version' | 'createdAt' | 'updatedAt' | 'searchable';

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

  @Property({ type: 'text', nullable: true })
  municipality?: string | null;

  /** Skills as written; the taxonomy issue adds resolved ESCO ids beside each label. */
  @Property({ type: 'json' })
  skills: SkillClaimView[] = [];

  @Property({ type: 'boolean' })
  consentSearchable: boolean = false;

  @Property({ type: 'boolean' })
  consentShareWithEmployers: boolean = false;

  @Property({ type: 'boolean' })
  consentNotifyInApp: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  consentUpdatedAt: Date = new Date();

  @Property({ type: 'text' })
  status: CandidateStatus = 'active';

  /** Optimistic lock; also the version matching and search compare to ignore stale work. */
  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  get searchable(): boolean {
    return this.status === 'active' && this.consentSearchable;
  }
}
