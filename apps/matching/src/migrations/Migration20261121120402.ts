import { Migration } from '@mikro-orm/migrations';

export class Migration20261121120402 extends Migration {
  override name = 'Migration20261121120402';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "matching";`);
    this.addSql(
      `create table "matching"."candidate_features" ("candidate_id" uuid not null, "version" int not null, "matchable" boolean not null, "notify_in_app" boolean not null, "skills" jsonb not null, "updated_at" timestamptz not null, primary key ("candidate_id"));`,
    );
    this.addSql(
      `create index "candidate_features_matchable_index" on "matching"."candidate_features" ("matchable");`,
    );

    this.addSql(
      `create table "matching"."match" ("id" uuid not null, "opening_id" uuid not null, "candidate_id" uuid not null, "score" double precision not null, "explanation" jsonb not null, "weights_version" text not null, "opening_version" int not null, "candidate_version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "match_candidate_id_index" on "matching"."match" ("candidate_id");`);
    this.addSql(`create index "match_opening_id_score_index" on "matching"."match" ("opening_id", "score");`);
    this.addSql(
      `alter table "matching"."match" add constraint "match_opening_id_candidate_id_unique" unique ("opening_id", "candidate_id");`,
    );

    this.addSql(
      `create table "matching"."notification" ("id" uuid not null, "candidate_id" uuid not null, "opening_id" uuid not null, "match_id" uuid not null, "channel" text not null default 'in-app', "status" text not null default 'queued', "score" double precision not null, "opening_title" text not null, "created_at" timestamptz not null, "read_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_candidate_id_index" on "matching"."notification" ("candidate_id");`,
    );
    this.addSql(
      `alter table "matching"."notification" add constraint "notification_candidate_id_opening_id_channel_unique" unique ("candidate_id", "opening_id", "channel");`,
    );

    this.addSql(
      `create table "matching"."opening_profile" ("opening_id" uuid not null, "employer_id" uuid not null, "version" int not null, "status" text not null, "title" text not null, "must_have_skills" jsonb not null, "nice_to_have_skills" jsonb not null, "updated_at" timestamptz not null, primary key ("opening_id"));`,
    );
    this.addSql(
      `create index "opening_profile_employer_id_index" on "matching"."opening_profile" ("employer_id");`,
    );
    this.addSql(`create index "opening_profile_status_index" on "matching"."opening_profile" ("status");`);

    this.addSql(
      `create table "matching"."outbox" ("id" bigserial primary key, "job_name" text not null, "payload" jsonb not null, "job_id" text not null, "delay_ms" int null, "created_at" timestamptz not null default now());`,
    );
  }
}
