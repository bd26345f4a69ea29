import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/postgresql';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { CommitmentsDto, InteractionKind, PartnershipStatus, PlaceView } from '@brobygger/contracts';

@Entity({ tableName: 'employer' })
export class Employer {
  [OptionalProps]?: 'version' | 'createdAt' | 'partnershipStatus' | 'commitments' | 'address';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  @Unique()
  orgNumber!: string;

  @Property({ type: 'text', nullable: true })
  nace?: string | null;

  @Property({ type: 'json' })
  address: PlaceView = {};

  @Property({ type: 'text', nullable: true })
  website?: string | null;

  /** A new employer is a prospect until staff record an agreement. */
  @Property({ type: 'text' })
  partnershipStatus: PartnershipStatus = 'prospect';

  @Property({ type: 'text', nullable: true })
  agreementFrom?: string | null;

  @Property({ type: 'text', nullable: true })
  agreementTo?: string | null;

  @Property({ type: 'json' })
  commitments: CommitmentsDto = {};

  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

/** A contact person at the employer. Employer users keep their own up to date. */
@Entity({ tableName: 'employer_contact' })
export class EmployerContact {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  employerId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  role?: string | null;

  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

/** Every partnership status change: who, when, why. Never updated, only added to. */
@Entity({ tableName: 'partnership_change' })
@Index({ properties: ['employerId', 'at'] })
export class PartnershipChange {
  [OptionalProps]?: 'id' | 'at';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  employerId!: string;

  @Property({ type: 'text', nullable: true })
  fromStatus?: PartnershipStatus | null;

  @Property({ type: 'text' })
  toStatus!: PartnershipStatus;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date = new Date();
}

/** The log of meetings, calls, e-mails and events with the employer (staff only). */
@Entity({ tableName: 'interaction' })
@Index({ properties: ['employerId', 'on'] })
export class Interaction {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  employerId!: string;

  @Property({ type: 'text' })
  kind!: InteractionKind;

  /** The day it happened (YYYY-MM-DD). */
  @Property({ type: 'text' })
  on!: string;

  @Property({ type: 'text' })
  notes!: string;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}
