import type { EntityManager } from '@mikro-orm/postgresql';
import type { ConceptLabels, SkillNeighbour, ProximityReason } from '@brobygger/contracts';
import type { EssentialLink } from '@brobygger/taxonomy';
import { TAXONOMY_SCHEMA as S } from './schema';

export interface ReleaseRow {
  version: string;
  importedAt: Date;
  skills: number;
  occupations: number;
}

export interface LabelRow {
  id: string;
  lang: string;
  kind: 'preferred' | 'alt' | 'hidden';
  label: string;
}

export interface OccupationRow {
  id: string;
  iscoGroup: string;
  description: string | null;
  iscoLabelEn: string | null;
  iscoLabelNb: string | null;
}

export interface OccupationSkillRow {
  id: string;
  type: string;
  relation: 'essential' | 'optional';
  label: string;
}

export interface StyrkRow {
  code: string;
  nameNb: string;
  iscoCode: string;
}

/** The taxonomy's reads. Each caller passes a forked EntityManager; nothing here writes. */
export class TaxonomyRepository {
  constructor(private readonly em: EntityManager) {}

  async currentRelease(): Promise<ReleaseRow | null> {
    const [row] = await this.em.execute<
      { version: string; imported_at: Date | string; skills: number; occupations: number }[]
    >(`select version, imported_at, skills, occupations from ${S}.release order by imported_at desc limit 1`);
    return row
      ? {
          version: row.version,
          // The driver may hand a timestamp back as text from a raw query.
          importedAt: new Date(row.imported_at),
          skills: row.skills,
          occupations: row.occupations,
        }
      : null;
  }

  /** Every label of every skill in use, for the in-memory resolver. */
  async skillLabels(): Promise<LabelRow[]> {
    return this.em.execute<LabelRow[]>(
      `select l.skill_id as id, l.lang, l.kind, l.label
       from ${S}.skill_label l join ${S}.skill s on s.id = l.skill_id
       where s.retired_in is null`,
    );
  }

  /** Glossary words in use (not rejected), for the in-memory resolver, in the order they were written. */
  async glossaryTerms(): Promise<{ lang: string; term: string; skillIds: string[] }[]> {
    return this.em.execute(
      `select lang, term, skill_ids as "skillIds" from ${S}.glossary_entry where status <> 'rejected'
       order by revision`,
    );
  }

  /** Grows with every glossary write: a running service compares it to know when to reload. */
  async glossaryRevision(): Promise<string> {
    const [row] = await this.em.execute<{ r: string | null }[]>(
      `select max(revision)::text as r from ${S}.glossary_entry`,
    );
    return row?.r ?? '0';
  }

  /** Names of live occupations in the languages people type skills in, for occupation words typed as skills. */
  async occupationNames(langs: readonly string[]): Promise<LabelRow[]> {
    return this.em.execute<LabelRow[]>(
      `select l.occupation_id as id, l.lang, l.kind, l.label
       from ${S}.occupation_label l join ${S}.occupation o on o.id = l.occupation_id
       where o.retired_in is null and l.kind in ('preferred', 'alt')
         and l.lang = any(array(select jsonb_array_elements_text(?::jsonb)))`,
      [JSON.stringify(langs)],
    );
  }

  /** Every essential occupation → skill link between live concepts, with what ranks an occupation's core skills. */
  async essentialLinks(): Promise<EssentialLink[]> {
    return this.em.execute<EssentialLink[]>(
      `select os.occupation_id as "occupationId", o.preferred_label as "occupationLabel",
         o.isco_group as "iscoGroup", os.skill_id as "skillId", s.preferred_label as "skillLabel",
         s.type as "skillType"
       from ${S}.occupation_skill os
         join ${S}.occupation o on o.id = os.occupation_id
         join ${S}.skill s on s.id = os.skill_id
       where os.relation = 'essential' and o.retired_in is null and s.retired_in is null`,
    );
  }

  async skillPriors(): Promise<{ id: string; type: string; reuseLevel: string | null }[]> {
    return this.em.execute(
      `select id, type, reuse_level as "reuseLevel" from ${S}.skill where retired_in is null`,
    );
  }

  async occupation(id: string): Promise<OccupationRow | null> {
    const [row] = await this.em.execute<OccupationRow[]>(
      `select o.id, o.isco_group as "iscoGroup", o.description,
         g.label_en as "iscoLabelEn", g.label_nb as "iscoLabelNb"
       from ${S}.occupation o left join ${S}.isco_group g on g.code = o.isco_group
       where o.id = ?`,
      [id],
    );
    return row ?? null;
  }

  async occupationLabels(id: string): Promise<LabelRow[]> {
    return this.em.execute<LabelRow[]>(
      `select occupation_id as id, lang, kind, label from ${S}.occupation_label
       where occupation_id = ? and kind = 'preferred'`,
      [id],
    );
  }

  /** The occupation's skills, essential first, then by how common the skill is. Labels are English. */
  async occupationSkills(id: string): Promise<OccupationSkillRow[]> {
    return this.em.execute<OccupationSkillRow[]>(
      `select s.id, s.type, os.relation, s.preferred_label as label
       from ${S}.occupation_skill os join ${S}.skill s on s.id = os.skill_id
       where os.occupation_id = ? and s.retired_in is null
       order by os.relation, s.occupation_count desc, s.preferred_label`,
      [id],
    );
  }

  async styrkGroups(): Promise<StyrkRow[]> {
    return this.em.execute<StyrkRow[]>(
      `select code, name_nb as "nameNb", isco_code as "iscoCode" from ${S}.styrk_group
       where isco_code is not null and level = 4`,
    );
  }

  /**
   * Preferred and alternative labels of the given live concepts, English preferred first. Hidden labels are
   * misspellings and outdated terms ESCO keeps for search: they would only add noise to others' documents.
   */
  async conceptLabels(table: 'skill' | 'occupation', ids: string[]): Promise<ConceptLabels[]> {
    if (ids.length === 0) return [];
    // A skill's glossary words count as its labels too, so a profile that says "renhold" is found by
    // "cleaning" and one that says "cleaning" by "прибирання".
    const glossary =
      table === 'skill'
        ? `union all
           select g.skill_id, 'term', 'glossary', g.term from (
             select unnest(skill_ids) as skill_id, term from ${S}.glossary_entry where status <> 'rejected'
           ) g`
        : '';
    const rows = await this.em.execute<{ id: string; labels: string[] }[]>(
      `select c.id, array_agg(l.label order by (l.lang = 'en' and l.kind = 'preferred') desc, l.kind desc,
         l.lang, l.label) as labels
       from ${S}.${table} c join (
         select ${table}_id as concept_id, kind, lang, label from ${S}.${table}_label where kind <> 'hidden'
         ${glossary}
       ) l on l.concept_id = c.id
       where c.id = any(array(select jsonb_array_elements_text(?::jsonb)))
         and c.retired_in is null
       group by c.id`,
      [JSON.stringify(ids)],
    );
    return rows.map((r) => {
      const [label, ...rest] = r.labels;
      return { id: r.id, label, otherLabels: [...new Set(rest)].filter((l) => l !== label) };
    });
  }

  async neighbours(ids: string[]): Promise<SkillNeighbour[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute<
      { skill_id: string; other_id: string; score: number; reason: string }[]
    >(
      `select skill_id, other_id, score, reason from ${S}.skill_neighbour
       where skill_id = any(array(select jsonb_array_elements_text(?::jsonb)))
       order by skill_id, score desc, other_id`,
      [JSON.stringify(ids)],
    );
    return rows.map((r) => ({
      skillId: r.skill_id,
      other: r.other_id,
      score: Number(r.score),
      reason: r.reason as ProximityReason,
    }));
  }
}
