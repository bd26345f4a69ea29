import { Migration } from '@mikro-orm/migrations';

/** Employers, partnerships and full openings (issue 5). Existing rows keep their data. */
export class Migration20261121145728 extends Migration {
  override name = 'Migration20261121145728';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "employers"."employer_contact" ("id" uuid not null, "employer_id" uuid not null, "name" text not null, "role" text null, "email" text null, "phone" text null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "employer_contact_employer_id_index" on "employers"."employer_contact" ("employer_id");`,
    );

    this.addSql(
      `create table "employers"."interaction" ("id" uuid not null, "employer_id" uuid not null, "kind" text not null, "on" text not null, "notes" text not null, "actor" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "interaction_employer_id_on_index" on "employers"."interaction" ("employer_id", "on");`,
    );

    this.addSql(
      `create table "employers"."partnership_change" ("id" bigserial primary key, "employer_id" uuid not null, "from_status" text null, "to_status" text not null, "actor" text not null, "reason" text not null, "at" timestamptz not null);`,
    );
    this.addSql(
      `create index "partnership_change_employer_id_at_index" on "employers"."partnership_change" ("employer_id", "at");`,
    );

    this.addSql(
      `alter table "employers"."employer" add "nace" text null, add "address" jsonb not null default '{}', add "website" text null, add "partnership_status" text not null default 'prospect', add "agreement_from" text null, add "agreement_to" text null, add "commitments" jsonb not null default '{}';`,
    );

    this.addSql(
      `alter table "employers"."opening" add "occupation_id" text null, add "languages" jsonb not null default '{}', add "workplace" jsonb not null default '{"mode":"on-site"}', add "municipality" text null, add "hours_percent" int null, add "shifts" boolean null, add "start_date" text null, add "duration_weeks" int null, add "positions" int not null default 1, add "application_deadline" text null, add "driving_licences" jsonb not null default '[]', add "certificates" jsonb not null default '[]', add "work_permit_required" boolean not null default true, add "language_support" boolean not null default false, add "mentor" boolean not null default false, add "internal_notes" text null, add "screening" jsonb not null default '[]', add "closed_at" timestamptz null, add "close_reason" text null;`,
    );
    // Skills were free labels: they become texts no taxonomy id was found for yet (editing the opening's
    // skills resolves them).
    this.addSql(
      `update "employers"."opening" set
         must_have_skills = coalesce((select jsonb_agg(jsonb_build_object('skillId', null, 'label', null, 'text', x))
           from jsonb_array_elements_text(must_have_skills) x), '[]'),
         nice_to_have_skills = coalesce((select jsonb_agg(jsonb_build_object('skillId', null, 'label', null, 'text', x))
           from jsonb_array_elements_text(nice_to_have_skills) x), '[]');`,
    );
    // The defaults only filled existing rows; the application always writes these columns.
    this.addSql(
      `alter table "employers"."employer" alter column "address" drop default, alter column "commitments" drop default;`,
    );
    this.addSql(
      `alter table "employers"."opening" ${['languages', 'workplace', 'driving_licences', 'certificates', 'screening'].map((c) => `alter column "${c}" drop default`).join(', ')};`,
    );
    this.addSql(`create index "opening_occupation_id_index" on "employers"."opening" ("occupation_id");`);
    // Matching's read model of openings changes shape with this release: send every published opening again.
    this.addSql(
      `insert into "employers"."outbox" (job_name, payload, job_id, created_at)
       select 'opening.changed', jsonb_build_object('openingId', id, 'version', version), 'ochg.' || id || '.' || version || '.m20261121', now()
       from "employers"."opening" where status = 'published';`,
    );
    this.addSql(`create index "opening_municipality_index" on "employers"."opening" ("municipality");`);
    this.addSql(`create index "opening_status_type_index" on "employers"."opening" ("status", "type");`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `update "employers"."opening" set
         must_have_skills = coalesce((select jsonb_agg(coalesce(x->>'text', x->>'label')) from jsonb_array_elements(must_have_skills) x), '[]'),
         nice_to_have_skills = coalesce((select jsonb_agg(coalesce(x->>'text', x->>'label')) from jsonb_array_elements(nice_to_have_skills) x), '[]');`,
    );
    this.addSql(`drop table if exists "employers"."employer_contact" cascade;`);
    this.addSql(`drop table if exists "employers"."interaction" cascade;`);
    this.addSql(`drop table if exists "employers"."partnership_change" cascade;`);

    this.addSql(
      `alter table "employers"."employer" drop column "nace", drop column "address", drop column "website", drop column "partnership_status", drop column "agreement_from", drop column "agreement_to", drop column "commitments";`,
    );

    this.addSql(`drop index "employers"."opening_occupation_id_index";`);
    this.addSql(`drop index "employers"."opening_municipality_index";`);
    this.addSql(`drop index "employers"."opening_status_type_index";`);
    this.addSql(
      `alter table "employers"."opening" drop column "occupation_id", drop column "languages", drop column "workplace", drop column "municipality", drop column "hours_percent", drop column "shifts", drop column "start_date", drop column "duration_weeks", drop column "positions", drop column "application_deadline", drop column "driving_licences", drop column "certificates", drop column "work_permit_required", drop column "language_support", drop column "mentor", drop column "internal_notes", drop column "screening", drop column "closed_at", drop column "close_reason";`,
    );
  }
}
