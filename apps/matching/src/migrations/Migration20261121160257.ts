import { Migration } from '@mikro-orm/migrations';

export class Migration20261121160257 extends Migration {
  override name = 'Migration20261121160257';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "matching"."scoring_state" ("key" text not null, "value" text not null, "updated_at" timestamptz not null, primary key ("key"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "matching"."scoring_state" cascade;`);
  }
}
