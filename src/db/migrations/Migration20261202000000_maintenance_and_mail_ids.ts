import { Migration } from '@mikro-orm/migrations';

/**
 * 1. Each outbox mail gets a stable key: its Message-ID, the same on every retry, so a receiving
 *    server can drop the duplicate when a crash between "sent" and "marked sent" sends it twice.
 * 2. stored_images records every image the store holds and when it was last uploaded: the
 *    maintenance job deletes those no user or recipe refers to after a grace period.
 * 3. Indexes for the maintenance job's sweeps (pending accounts, expired tokens, delivered mail).
 */
export class Migration20261202000000_maintenance_and_mail_ids extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "mail_outbox" add column "message_key" uuid not null default gen_random_uuid();');
    this.addSql('create index "mail_outbox_sent_at_index" on "mail_outbox" ("sent_at") where "sent_at" is not null;');
    this.addSql(`create table "stored_images" (
      "name" varchar(100) primary key,
      "stored_at" timestamptz not null default now());`);
    this.addSql(`insert into "stored_images" ("name")
      select "avatar" from "users" where "avatar" is not null
      union select "cover" from "recipes" where "cover" is not null;`);
    this.addSql('create index "stored_images_stored_at_index" on "stored_images" ("stored_at");');
    this.addSql('create index "users_pending_created_at_index" on "users" ("created_at") where not "is_active";');
    this.addSql('create index "refresh_tokens_expires_at_index" on "refresh_tokens" ("expires_at");');
    this.addSql('create index "activation_tokens_expires_at_index" on "activation_tokens" ("expires_at");');
  }

  override async down(): Promise<void> {
    const indexes = ['activation_tokens_expires_at_index', 'refresh_tokens_expires_at_index', 'users_pending_created_at_index', 'mail_outbox_sent_at_index'];
    for (const index of indexes) {
      this.addSql(`drop index if exists "${index}";`);
    }
    this.addSql('drop table if exists "stored_images";');
    this.addSql('alter table "mail_outbox" drop column if exists "message_key";');
  }
}
