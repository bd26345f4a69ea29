import { Migration } from '@mikro-orm/migrations';

export class Migration20261208010000 extends Migration {
  override name = 'Migration20261208010000';

  override up(): void | Promise<void> {
    this.addSql(`create sequence if not exists "taxonomy"."glossary_revision";`);
    this.addSql(
      `create table "taxonomy"."glossary_entry" ("id" uuid not null, "lang" text not null, "term" text not null, "term_key" text not null, "skill_ids" text[] not null, "note" text null, "origin" text not null, "status" text not null, "reviewed_by" text null, "reviewed_at" timestamptz null, "created_by" text null, "changed_by" text null, "updated_at" timestamptz not null, "revision" bigint not null, primary key ("id"));`,
    );
    this.addSql(`create index "glossary_entry_revision_index" on "taxonomy"."glossary_entry" ("revision");`);
    this.addSql(
      `alter table "taxonomy"."glossary_entry" add constraint "glossary_entry_lang_term_key_unique" unique ("lang", "term_key");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "taxonomy"."glossary_entry" cascade;`);
    this.addSql(`drop sequence if exists "taxonomy"."glossary_revision";`);
  }
}
