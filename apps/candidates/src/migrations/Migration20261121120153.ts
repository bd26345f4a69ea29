import { Migration } from '@mikro-orm/migrations';

export class Migration20261121120153 extends Migration {
  override name = 'Migration20261121120153';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "candidates";`);
    this.addSql(
      `create table "candidates"."candidate" ("id" uuid not null, "full_name" text not null, "email" text null, "phone" text null, "preferred_language" text not null, "municipality" text null, "skills" jsonb not null, "consent_searchable" boolean not null default false, "consent_share_with_employers" boolean not null default false, "consent_notify_in_app" boolean not null default false, "consent_updated_at" timestamptz not null, "status" text not null default 'active', "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "candidates"."outbox" ("id" bigserial primary key, "job_name" text not null, "payload" jsonb not null, "job_id" text not null, "delay_ms" int null, "created_at" timestamptz not null default now());`,
    );
  }
}
