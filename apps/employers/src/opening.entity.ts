import { randomUUID } from 'node:crypto';
import { EntityRepositoryType, OptionalProps } from '@mikro-orm/postgresql';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { OpeningStatus, OpeningType } from '@brobygger/contracts';
import { OpeningRepository } from './opening.repository';

@Entity({ tableName: 'opening', repository: () => OpeningRepository })
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
  description?: string | null;

  @Property({ type: 'json' })
  mustHaveSkills: string[] = [];

  @Property({ type: 'json' })
  niceToHaveSkills: string[] = [];

  @Property({ type: 'text' })
  status: OpeningStatus = 'draft';

  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
