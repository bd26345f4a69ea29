import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/*
 * The taxonomy's tables. Concept ids are ESCO's own (the URI without `http://data.europa.eu/esco/`), so they
 * stay the same across ESCO versions and other services can store them. A concept that a newer version drops
 * is kept and marked `retiredIn`, because profiles and openings may still point at it.
 * Labels and relations have no identity of their own: an import replaces them wholesale.
 */

/** One imported version of the data; the row with the latest importedAt is the one in use. */
@Entity({ tableName: 'release' })
export class TaxonomyRelease {
  @PrimaryKey({ type: 'text' })
  version!: string;

  /** sha256 over the data files' checksums: the same version with other bytes is refused. */
  @Property({ type: 'text' })
  checksum!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  importedAt!: Date;

  @Property({ type: 'integer' })
  skills!: number;

  @Property({ type: 'integer' })
  occupations!: number;

  /** Set once the Meilisearch indexes hold this version; a re-run rebuilds them while it is null. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  indexedAt?: Date | null;
}

@Entity({ tableName: 'skill' })
export class Skill {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text', nullable: true })
  reuseLevel?: string | null;

  @Property({ type: 'text' })
  preferredLabel!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'text[]' })
  collections!: string[];

  /** How many occupations name the skill: how common it is, used to rank search hits. */
  @Property({ type: 'integer' })
  occupationCount!: number;

  @Property({ type: 'text', nullable: true })
  retiredIn?: string | null;
}

@Entity({ tableName: 'skill_label' })
export class SkillLabel {
  @PrimaryKey({ type: 'text' })
  skillId!: string;

  @PrimaryKey({ type: 'text' })
  lang!: string;

  @PrimaryKey({ type: 'text' })
  kind!: 'preferred' | 'alt' | 'hidden';

  @PrimaryKey({ type: 'text' })
  label!: string;
}

/** Groups of the skills pillar (ISCED-F fields, transversal groups…): the upper levels of the hierarchy. */
@Entity({ tableName: 'skill_group' })
export class SkillGroup {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text', nullable: true })
  code?: string | null;

  @Property({ type: 'text' })
  preferredLabel!: string;
}

/** The skills pillar hierarchy: `broaderId` is a skill or a skill group. */
@Entity({ tableName: 'skill_broader' })
@Index({ properties: ['broaderId'] })
export class SkillBroader {
  @PrimaryKey({ type: 'text' })
  conceptId!: string;

  @PrimaryKey({ type: 'text' })
  broaderId!: string;
}

@Entity({ tableName: 'skill_relation' })
export class SkillRelation {
  @PrimaryKey({ type: 'text' })
  skillId!: string;

  @PrimaryKey({ type: 'text' })
  relatedSkillId!: string;

  @Property({ type: 'text' })
  relation!: 'essential' | 'optional';
}

@Entity({ tableName: 'occupation' })
export class Occupation {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  @Index()
  iscoGroup!: string;

  @Property({ type: 'text' })
  escoCode!: string;

  @Property({ type: 'text' })
  preferredLabel!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'text', nullable: true })
  regulatedProfessionNote?: string | null;

  @Property({ type: 'text', nullable: true })
  retiredIn?: string | null;
}

@Entity({ tableName: 'occupation_label' })
export class OccupationLabel {
  @PrimaryKey({ type: 'text' })
  occupationId!: string;

  @PrimaryKey({ type: 'text' })
  lang!: string;

  @PrimaryKey({ type: 'text' })
  kind!: 'preferred' | 'alt' | 'hidden';

  @PrimaryKey({ type: 'text' })
  label!: string;
}

@Entity({ tableName: 'occupation_skill' })
@Index({ properties: ['skillId'] })
export class OccupationSkill {
  @PrimaryKey({ type: 'text' })
  occupationId!: string;

  @PrimaryKey({ type: 'text' })
  skillId!: string;

  @Property({ type: 'text' })
  relation!: 'essential' | 'optional';
}

/** ISCO-08 groups (all four levels) with English and Norwegian names. */
@Entity({ tableName: 'isco_group' })
export class IscoGroup {
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Property({ type: 'smallint' })
  level!: number;

  @Property({ type: 'text' })
  labelEn!: string;

  @Property({ type: 'text', nullable: true })
  labelNb?: string | null;
}

/**
 * STYRK-08, Norway's variant of ISCO-08, with NAV's job categories. `iscoCode` is the ISCO group with the same
 * code when there is one (403 of 407 unit groups); the Norwegian-only groups have none.
 */
@Entity({ tableName: 'styrk_group' })
export class StyrkGroup {
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Property({ type: 'smallint' })
  level!: number;

  @Property({ type: 'text' })
  nameNb!: string;

  @Property({ type: 'text', nullable: true })
  parentCode?: string | null;

  @Property({ type: 'text', nullable: true })
  @Index()
  iscoCode?: string | null;

  @Property({ type: 'text', nullable: true })
  navCategory?: string | null;

  @Property({ type: 'text', nullable: true })
  navSubcategory?: string | null;
}

/**
 * Precomputed closeness of two skills (both directions stored), so a scorer can ask per pair in O(1) after
 * loading a skill's neighbours. Computed by the import from the hierarchy, ESCO's skill relations and the
 * occupations two skills share.
 */
@Entity({ tableName: 'skill_neighbour' })
export class SkillNeighbour {
  @PrimaryKey({ type: 'text' })
  skillId!: string;

  @PrimaryKey({ type: 'text' })
  otherId!: string;

  @Property({ type: 'real' })
  score!: number;

  @Property({ type: 'text' })
  reason!: string;
}

/**
 * A word people use for some skills ("renhold", "تنظيف", "прибирання"), mapped by hand to ESCO skills, best
 * first. Shipped entries come from data/taxonomy/glossary.csv with an import; admins add and review entries
 * through the API. Unlike ESCO's labels these are not replaced by an import: an admin's review or change
 * outlives a new release. Every write takes a new `revision` from one sequence, so the highest revision tells
 * a running service whether the glossary changed.
 */
@Entity({ tableName: 'glossary_entry' })
@Index({ properties: ['revision'] })
@Unique({ properties: ['lang', 'termKey'] })
export class GlossaryEntry {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  lang!: string;

  @Property({ type: 'text' })
  term!: string;

  /** The term folded as the resolver folds text: one entry per language and folded term. */
  @Property({ type: 'text' })
  termKey!: string;

  @Property({ type: 'text[]' })
  skillIds!: string[];

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  /** shipped: from the release's glossary file; admin: added through the API. */
  @Property({ type: 'text' })
  origin!: 'shipped' | 'admin';

  /** drafted: not yet checked by a person; reviewed: checked; rejected: checked and not used. */
  @Property({ type: 'text' })
  status!: 'drafted' | 'reviewed' | 'rejected';

  @Property({ type: 'text', nullable: true })
  reviewedBy?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  reviewedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  createdBy?: string | null;

  /** The admin who last changed the entry; an import leaves a changed shipped entry as the admin left it. */
  @Property({ type: 'text', nullable: true })
  changedBy?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;

  /** From the sequence taxonomy.glossary_revision, taken by every insert and update (see the repository). */
  @Property({ type: 'bigint' })
  revision!: string;
}

export const TAXONOMY_ENTITIES = [
  GlossaryEntry,
  TaxonomyRelease,
  Skill,
  SkillLabel,
  SkillGroup,
  SkillBroader,
  SkillRelation,
  Occupation,
  OccupationLabel,
  OccupationSkill,
  IscoGroup,
  StyrkGroup,
  SkillNeighbour,
];
