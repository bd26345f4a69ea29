import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications over e-mail, SMS and in-app (issue 7). A notification is the one message about one opening
 * a candidate ever gets (unique per candidate and opening, whatever the channel); each e-mail or SMS that
 * carries it is a delivery with its own status, attempts and hold. A digest is one delivery carrying many.
 * Replies live on the match, where staff read them.
 */
export class Migration20261121171400 extends Migration {
  override name = 'Migration20261121171400';

  override up(): void | Promise<void> {
    this.addSql(`alter table "matching"."opening_profile" add column "display" jsonb not null default '{}';`);
    this.addSql(`alter table "matching"."opening_profile" alter column "display" drop default;`);
    // Filled by each opening's next change; until then messages fall back to the title and type.
    this.addSql(
      `alter table "matching"."match" add column "reply" text null, add column "replied_at" timestamptz null;`,
    );
    this.addSql(`create index "match_opening_id_reply_index" on "matching"."match" ("opening_id", "reply");`);

    this.addSql(
      `alter table "matching"."notification" drop constraint if exists "notification_candidate_id_opening_id_channel_unique";`,
    );
    this.addSql(
      `alter table "matching"."notification" drop column "channel", drop column "status",
         add column "kind" text not null default 'match', add column "in_app" boolean not null default true,
         add column "lang" text not null default 'en', add column "reply_via_link_at" timestamptz null;`,
    );
    this.addSql(
      `alter table "matching"."notification" alter column "kind" drop default, alter column "in_app" drop default, alter column "lang" drop default;`,
    );
    this.addSql(
      `alter table "matching"."notification" add constraint "notification_candidate_id_opening_id_unique" unique ("candidate_id", "opening_id");`,
    );

    this.addSql(
      `create table "matching"."delivery" (
         "id" uuid not null, "candidate_id" uuid not null, "channel" text not null, "kind" text not null,
         "dedupe_key" text not null, "notification_ids" uuid[] not null, "status" text not null,
         "held_reason" text null, "send_after" timestamptz not null, "attempts" int not null default 0,
         "last_error" text null, "provider_id" text null, "sent_at" timestamptz null,
         "created_at" timestamptz not null, "updated_at" timestamptz not null,
         primary key ("id"));`,
    );
    this.addSql(
      `alter table "matching"."delivery" add constraint "delivery_dedupe_key_unique" unique ("dedupe_key");`,
    );
    this.addSql(`create index "delivery_candidate_id_index" on "matching"."delivery" ("candidate_id");`);
    this.addSql(
      `create index "delivery_status_updated_at_index" on "matching"."delivery" ("status", "updated_at");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "matching"."delivery" cascade;`);
    this.addSql(
      `alter table "matching"."notification" drop constraint "notification_candidate_id_opening_id_unique";`,
    );
    this.addSql(
      `alter table "matching"."notification" drop column "kind", drop column "in_app", drop column "lang", drop column "reply_via_link_at",
         add column "channel" text not null default 'in-app', add column "status" text not null default 'sent';`,
    );
    this.addSql(
      `alter table "matching"."notification" add constraint "notification_candidate_id_opening_id_channel_unique" unique ("candidate_id", "opening_id", "channel");`,
    );
    this.addSql(`drop index "matching"."match_opening_id_reply_index";`);
    this.addSql(`alter table "matching"."match" drop column "reply", drop column "replied_at";`);
    this.addSql(`alter table "matching"."opening_profile" drop column "display";`);
  }
}
