import type { EntityManager } from '@mikro-orm/postgresql';
import type { LabelRow } from '../taxonomy.repository';
import { TAXONOMY_SCHEMA as S } from '../schema';

/** The reads of the title matcher. Each caller passes a forked EntityManager; nothing here writes. */
export class OccupationTitleRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every label of every live occupation, in every language. */
  labels(): Promise<LabelRow[]> {
    return this.em.execute<LabelRow[]>(
      `select l.occupation_id as id, l.lang, l.kind, l.label
       from ${S}.occupation_label l join ${S}.occupation o on o.id = l.occupation_id
       where o.retired_in is null`,
    );
  }

  iscoGroups(): Promise<{ id: string; iscoGroup: string }[]> {
    return this.em.execute(
      `select id, isco_group as "iscoGroup" from ${S}.occupation where retired_in is null`,
    );
  }
}
