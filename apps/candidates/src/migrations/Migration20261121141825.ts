import { Migration } from '@mikro-orm/migrations';

/**
 * The full candidate profile (issue 4). Written by hand from the generated diff, which would have renamed
 * `municipality` to `assigned_staff`: existing rows keep their data instead. The free-text municipality moves
 * into `home` as a name, skill labels become texts not yet resolved (a profile edit or `search:reindex`
 * doesn't resolve them; saving the skills again does), the one consent timestamp becomes one per flag, and every profile's
 * search document and matching features are queued to be sent again.
 */
export class Migration20261121141825 extends Migration {
  override name = 'Migration20261121141825';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "candidates"."profile_audit" ("id" bigserial primary key, "candidate_id" uuid not null, "actor" text not null, "role" text not null, "action" text not null, "request_id" text not null, "at" timestamptz not null);`,
    );
    this.addSql(
      `create index "profile_audit_candidate_id_at_index" on "candidates"."profile_audit" ("candidate_id", "at");`,
    );

    this.addSql(
      `alter table "candidates"."candidate" add "home" jsonb not null default '{}', add "commute_km" int null, add "drives" boolean null, add "languages" jsonb not null default '[]', add "experience" jsonb not null default '[]', add "education" jsonb not null default '[]', add "certificates" jsonb not null default '[]', add "driving_licences" jsonb not null default '[]', add "work_permit" jsonb null, add "availability" jsonb null, add "wishes" jsonb not null default '{"occupationIds":[],"openingTypes":[],"places":[]}', add "introduction_programme" jsonb null, add "consent_notify_email" boolean not null default false, add "consent_notify_sms" boolean not null default false, add "consent_changed_at" jsonb null, add "assigned_staff" text null, add "staff_notes" text null, add "external_ref" text null, add "import_key" text null;`,
    );
    this.addSql(
      `update "candidates"."candidate" set
         home = case when municipality is null then '{}'::jsonb else jsonb_build_object('municipalityName', municipality) end,
         skills = coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
             'skillId', null, 'label', null, 'text', s->>'label', 'level', s->'level')) || '{"skillId":null,"label":null}')
           from jsonb_array_elements(skills) s), '[]'),
         consent_changed_at = jsonb_build_object(
           'searchable', consent_updated_at, 'shareWithEmployers', consent_updated_at,
           'notifyEmail', consent_updated_at, 'notifySms', consent_updated_at, 'notifyInApp', consent_updated_at);`,
    );
    this.addSql(`alter table "candidates"."candidate" alter column "consent_changed_at" set not null;`);
    this.addSql(
      `alter table "candidates"."candidate" drop column "municipality", drop column "consent_updated_at";`,
    );
    // The defaults only filled existing rows; the application always writes these columns.
    this.addSql(
      `alter table "candidates"."candidate" ${['home', 'languages', 'experience', 'education', 'certificates', 'driving_licences', 'wishes'].map((c) => `alter column "${c}" drop default`).join(', ')};`,
    );
    this.addSql(
      `alter table "candidates"."candidate" add constraint "candidate_import_key_unique" unique ("import_key");`,
    );
    this.addSql(`create index "candidate_updated_at_index" on "candidates"."candidate" ("updated_at");`);
    // Search documents written before this release lack the fields search now filters on (status, version):
    // queue a rebuild of each, through the outbox like any change, so no one vanishes from search.
    this.addSql(
      `insert into "candidates"."outbox" (job_name, payload, job_id, created_at)
       select 'candidate.index', jsonb_build_object('candidateId', id), 'cidx.' || id || '.' || version || '.m20261121', now()
       from "candidates"."candidate";`,
    );
    // Matching's read model holds skill labels as they were sent; send every profile again.
    this.addSql(
      `insert into "candidates"."outbox" (job_name, payload, job_id, created_at)
       select 'candidate.changed', jsonb_build_object('candidateId', id, 'version', version), 'cchg.' || id || '.' || version || '.m20261121', now()
       from "candidates"."candidate";`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "candidates"."profile_audit" cascade;`);
    this.addSql(`alter table "candidates"."candidate" drop constraint "candidate_import_key_unique";`);
    this.addSql(`drop index "candidates"."candidate_updated_at_index";`);
    this.addSql(
      `alter table "candidates"."candidate" add "municipality" text null, add "consent_updated_at" timestamptz null;`,
    );
    this.addSql(
      `update "candidates"."candidate" set municipality = home->>'municipalityName',
         consent_updated_at = (consent_changed_at->>'searchable')::timestamptz,
         skills = coalesce((select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
           'label', coalesce(s->>'text', s->>'label'), 'level', s->'level'))) from jsonb_array_elements(skills) s), '[]');`,
    );
    this.addSql(`alter table "candidates"."candidate" alter column "consent_updated_at" set not null;`);
    this.addSql(
      `alter table "candidates"."candidate" drop column "home", drop column "commute_km", drop column "drives", drop column "languages", drop column "experience", drop column "education", drop column "certificates", drop column "driving_licences", drop column "work_permit", drop column "availability", drop column "wishes", drop column "introduction_programme", drop column "consent_notify_email", drop column "consent_notify_sms", drop column "consent_changed_at", drop column "assigned_staff", drop column "staff_notes", drop column "external_ref", drop column "import_key";`,
    );
  }
}
