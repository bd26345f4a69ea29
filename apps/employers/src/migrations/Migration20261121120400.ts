import { Migration } from '@mikro-orm/migrations';

export class Migration20261121120400 extends Migration {
  override name = 'Migration20261121120400';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "employers";`);
    this.addSql(
      `create table "employers"."employer" ("id" uuid not null, "name" text not null, "org_number" text not null, "version" int not null default 1, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "employers"."employer" add constraint "employer_org_number_unique" unique ("org_number");`,
    );

    this.addSql(
      `create table "employers"."opening" ("id" uuid not null, "employer_id" uuid not null, "title" text not null, "type" text not null, "description" text null, "must_have_skills" jsonb not null, "nice_to_have_skills" jsonb not null, "status" text not null default 'draft', "version" int not null default 1, "published_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "opening_employer_id_index" on "employers"."opening" ("employer_id");`);

    this.addSql(
      `create table "employers"."outbox" ("id" bigserial primary key, "job_name" text not null, "payload" jsonb not null, "job_id" text not null, "delay_ms" int null, "created_at" timestamptz not null default now());`,
    );
  }
}
