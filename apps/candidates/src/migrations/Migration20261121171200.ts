import { Migration } from '@mikro-orm/migrations';

export class Migration20261121171200 extends Migration {
  override name = 'Migration20261121171200';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "candidates"."candidate" add column "notification_digest" boolean not null default false;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "candidates"."candidate" drop column "notification_digest";`);
  }
}
