import { Migration } from '@mikro-orm/migrations';

export class Migration20261121171100 extends Migration {
  override name = 'Migration20261121171100';

  override up(): void | Promise<void> {
    // False until the candidates service sends the profile again (its migration of the same day does).
    this.addSql(
      `alter table "matching"."candidate_features" add column "share_with_employers" boolean not null default false;`,
    );
    this.addSql(
      `alter table "matching"."candidate_features" alter column "share_with_employers" drop default;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "matching"."candidate_features" drop column "share_with_employers";`);
  }
}
