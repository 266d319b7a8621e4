import { Migration } from '@mikro-orm/migrations';

/**
 * The account's life after registration (issue 18):
 * 1. `sessions`: one row per login (refresh-token family) — when it began, was last used, its user
 *    agent, when it expires and when it was ended — so a person can see and end their logins.
 *    Existing families get a row each; refresh tokens now belong to their session (on delete cascade).
 * 2. `account_tokens`: the emailed links of password resets and email changes (stored hashed).
 * 3. Links and mails may be decoys (no account): flows that must not tell whether an address has an
 *    account write the same rows on every path (src/users/mailed-links.ts), so activation links may
 *    have no user either.
 */
export class Migration20261206110000_account_life extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "sessions" (
      "id" serial primary key,
      "family_id" uuid not null unique,
      "user_id" int not null references "users" ("id") on update cascade on delete cascade,
      "user_agent" varchar(200) not null default '',
      "created_at" timestamptz not null default now(),
      "last_used_at" timestamptz not null default now(),
      "expires_at" timestamptz not null,
      "ended_at" timestamptz null);`);
    this.addSql('create index "sessions_user_id_live_index" on "sessions" ("user_id") where "ended_at" is null;');
    this.addSql('create index "sessions_done_index" on "sessions" ((coalesce("ended_at", "expires_at")));');
    this.addSql(`insert into "sessions" ("family_id", "user_id", "created_at", "last_used_at", "expires_at", "ended_at")
      select "family_id", min("user_id"), min("created_at"), max("created_at"), max("expires_at"),
        case when bool_or("used_at" is null and "revoked_at" is null) then null else max(coalesce("revoked_at", "used_at")) end
      from "refresh_tokens" group by "family_id";`);
    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_family_id_foreign"
      foreign key ("family_id") references "sessions" ("family_id") on update cascade on delete cascade;`);

    this.addSql(`create table "account_tokens" (
      "id" serial primary key,
      "purpose" varchar(20) not null check ("purpose" in ('password-reset', 'email-confirmation')),
      "user_id" int null references "users" ("id") on update cascade on delete cascade,
      "new_email" varchar(254) null,
      "token_hash" varchar(64) not null unique,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null,
      "used_at" timestamptz null);`);
    this.addSql('create index "account_tokens_user_id_index" on "account_tokens" ("user_id", "purpose") where "used_at" is null;');
    this.addSql('create index "account_tokens_done_index" on "account_tokens" ((coalesce("used_at", "expires_at")));');
    this.addSql('alter table "activation_tokens" alter column "user_id" drop not null;');
  }

  override async down(): Promise<void> {
    this.addSql('delete from "activation_tokens" where "user_id" is null;');
    this.addSql('alter table "activation_tokens" alter column "user_id" set not null;');
    this.addSql('drop table if exists "account_tokens";');
    this.addSql('alter table "refresh_tokens" drop constraint if exists "refresh_tokens_family_id_foreign";');
    this.addSql('drop table if exists "sessions";');
  }
}
