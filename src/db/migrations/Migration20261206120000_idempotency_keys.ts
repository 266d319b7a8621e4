import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency-Keys (API.md §10): one row per account and key, written in the same transaction as the
 * resource its request created, kept 24 hours (the maintenance job deletes older ones).
 */
export class Migration20261206120000_idempotency_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_keys" (
      "id" bigint generated always as identity primary key,
      "user_id" int not null references "users" ("id") on delete cascade,
      "key" varchar(255) not null,
      "request_hash" varchar(64) not null,
      "resource_id" varchar(64) not null,
      "created_at" timestamptz not null default now());`);
    this.addSql('create unique index "idempotency_keys_user_key_unique" on "idempotency_keys" ("user_id", "key");');
    this.addSql('create index "idempotency_keys_created_at_index" on "idempotency_keys" ("created_at");');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "idempotency_keys";');
  }
}
