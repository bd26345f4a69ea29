import { Migration } from '@mikro-orm/migrations';

export class Migration20261121171300 extends Migration {
  override name = 'Migration20261121171300';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "employers"."opening" add column "anonymous_employer" boolean not null default false;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "employers"."opening" drop column "anonymous_employer";`);
  }
}
