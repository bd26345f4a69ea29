import { Migration } from '@mikro-orm/migrations';

export class Migration20261121133030 extends Migration {
  override name = 'Migration20261121133030';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "taxonomy";`);
    this.addSql(
      `create table "taxonomy"."isco_group" ("code" text not null, "level" smallint not null, "label_en" text not null, "label_nb" text null, primary key ("code"));`,
    );

    this.addSql(
      `create table "taxonomy"."occupation" ("id" text not null, "isco_group" text not null, "esco_code" text not null, "preferred_label" text not null, "description" text null, "regulated_profession_note" text null, "retired_in" text null, primary key ("id"));`,
    );
    this.addSql(`create index "occupation_isco_group_index" on "taxonomy"."occupation" ("isco_group");`);

    this.addSql(
      `create table "taxonomy"."occupation_label" ("occupation_id" text not null, "lang" text not null, "kind" text not null, "label" text not null, primary key ("occupation_id", "lang", "kind", "label"));`,
    );

    this.addSql(
      `create table "taxonomy"."occupation_skill" ("occupation_id" text not null, "skill_id" text not null, "relation" text not null, primary key ("occupation_id", "skill_id"));`,
    );
    this.addSql(
      `create index "occupation_skill_skill_id_index" on "taxonomy"."occupation_skill" ("skill_id");`,
    );

    this.addSql(
      `create table "taxonomy"."outbox" ("id" bigserial primary key, "job_name" text not null, "payload" jsonb not null, "job_id" text not null, "delay_ms" int null, "created_at" timestamptz not null default now());`,
    );

    this.addSql(
      `create table "taxonomy"."skill" ("id" text not null, "type" text not null, "reuse_level" text null, "preferred_label" text not null, "description" text null, "collections" text[] not null, "occupation_count" int not null, "retired_in" text null, primary key ("id"));`,
    );

    this.addSql(
      `create table "taxonomy"."skill_broader" ("concept_id" text not null, "broader_id" text not null, primary key ("concept_id", "broader_id"));`,
    );
    this.addSql(
      `create index "skill_broader_broader_id_index" on "taxonomy"."skill_broader" ("broader_id");`,
    );

    this.addSql(
      `create table "taxonomy"."skill_group" ("id" text not null, "code" text null, "preferred_label" text not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "taxonomy"."skill_label" ("skill_id" text not null, "lang" text not null, "kind" text not null, "label" text not null, primary key ("skill_id", "lang", "kind", "label"));`,
    );

    this.addSql(
      `create table "taxonomy"."skill_neighbour" ("skill_id" text not null, "other_id" text not null, "score" real not null, "reason" text not null, primary key ("skill_id", "other_id"));`,
    );

    this.addSql(
      `create table "taxonomy"."skill_relation" ("skill_id" text not null, "related_skill_id" text not null, "relation" text not null, primary key ("skill_id", "related_skill_id"));`,
    );

    this.addSql(
      `create table "taxonomy"."styrk_group" ("code" text not null, "level" smallint not null, "name_nb" text not null, "parent_code" text null, "isco_code" text null, "nav_category" text null, "nav_subcategory" text null, primary key ("code"));`,
    );
    this.addSql(`create index "styrk_group_isco_code_index" on "taxonomy"."styrk_group" ("isco_code");`);

    this.addSql(
      `create table "taxonomy"."release" ("version" text not null, "checksum" text not null, "imported_at" timestamptz not null, "skills" int not null, "occupations" int not null, "indexed_at" timestamptz null, primary key ("version"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "taxonomy"."isco_group" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."occupation" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."occupation_label" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."occupation_skill" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."outbox" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."skill" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."skill_broader" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."skill_group" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."skill_label" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."skill_neighbour" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."skill_relation" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."styrk_group" cascade;`);
    this.addSql(`drop table if exists "taxonomy"."release" cascade;`);

    this.addSql(`drop schema if exists "taxonomy";`);
  }
}
