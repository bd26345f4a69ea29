import { Migration } from '@mikro-orm/migrations';

/**
 * The read model holds everything the w2 scorer reads, as one jsonb per side. Existing rows are converted
 * with what they had (skills); the candidates and employers migrations of this release queue every profile
 * and every published opening to be sent again, which fills in the rest and rescores.
 */
export class Migration20261121152831 extends Migration {
  override name = 'Migration20261121152831';

  override up(): void | Promise<void> {
    this.addSql(`alter table "matching"."candidate_features" add "features" jsonb null;`);
    this.addSql(
      `update "matching"."candidate_features" set features = jsonb_build_object(
         'skills', coalesce((select jsonb_agg(jsonb_build_object('skillId', null, 'label', s->>'label') ||
           case when s ? 'level' then jsonb_build_object('level', s->'level') else '{}'::jsonb end)
           from jsonb_array_elements(skills) s), '[]'),
         'languages', '[]'::jsonb, 'drivingLicences', '[]'::jsonb, 'certificates', '[]'::jsonb, 'permit', 'unknown',
         'wishedOpeningTypes', '[]'::jsonb, 'wishedOccupationIds', '[]'::jsonb, 'experienceOccupationIds', '[]'::jsonb);`,
    );
    this.addSql(
      `alter table "matching"."candidate_features" alter column "features" set not null, drop column "skills";`,
    );
    this.addSql(`alter table "matching"."opening_profile" add "requirements" jsonb null;`);
    this.addSql(
      `update "matching"."opening_profile" set requirements = jsonb_build_object(
         'type', 'permanent',
         'mustHave', coalesce((select jsonb_agg(jsonb_build_object('skillId', null, 'label', x))
           from jsonb_array_elements_text(must_have_skills) x), '[]'),
         'niceToHave', coalesce((select jsonb_agg(jsonb_build_object('skillId', null, 'label', x))
           from jsonb_array_elements_text(nice_to_have_skills) x), '[]'),
         'otherLanguages', '[]'::jsonb, 'mode', 'on-site', 'drivingLicences', '[]'::jsonb, 'certificates', '[]'::jsonb,
         'workPermitRequired', false, 'languageSupport', false);`,
    );
    this.addSql(
      `alter table "matching"."opening_profile" alter column "requirements" set not null, drop column "must_have_skills", drop column "nice_to_have_skills";`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "matching"."candidate_features" add "skills" jsonb not null default '[]';`);
    this.addSql(
      `update "matching"."candidate_features" set skills = coalesce((select jsonb_agg(s - 'skillId') from jsonb_array_elements(features->'skills') s), '[]');`,
    );
    this.addSql(
      `alter table "matching"."candidate_features" alter column "skills" drop default, drop column "features";`,
    );
    this.addSql(
      `alter table "matching"."opening_profile" add "must_have_skills" jsonb not null default '[]', add "nice_to_have_skills" jsonb not null default '[]';`,
    );
    this.addSql(
      `update "matching"."opening_profile" set
         must_have_skills = coalesce((select jsonb_agg(s->>'label') from jsonb_array_elements(requirements->'mustHave') s), '[]'),
         nice_to_have_skills = coalesce((select jsonb_agg(s->>'label') from jsonb_array_elements(requirements->'niceToHave') s), '[]');`,
    );
    this.addSql(
      `alter table "matching"."opening_profile" alter column "must_have_skills" drop default, alter column "nice_to_have_skills" drop default, drop column "requirements";`,
    );
  }
}
