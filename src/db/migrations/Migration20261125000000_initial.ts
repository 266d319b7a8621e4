import { Migration } from '@mikro-orm/migrations';

/**
 * The initial schema: accounts, recipes, tokens and the mail outbox.
 * Totals are kept by triggers (users.published_recipes/draft_recipes, recipe_stats.published)
 * so that a page's total never needs a count(*) over the table; recipe_stats.revision changes
 * with every write to recipes, a cheap validator for collections.
 */
export class Migration20261125000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm with schema public;');

    this.addSql(`create table "users" (
      "id" serial primary key,
      "username" varchar(30) not null check (username ~ '^[A-Za-z0-9_.-]{3,30}$'),
      "email" varchar(254) not null,
      "password_hash" varchar(255) not null,
      "is_active" boolean not null default false,
      "avatar" varchar(100) null,
      "published_recipes" int not null default 0,
      "draft_recipes" int not null default 0,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1);`);
    this.addSql('create unique index "users_username_lower_unique" on "users" (lower("username"));');
    this.addSql('create unique index "users_email_lower_unique" on "users" (lower("email"));');
    this.addSql('create index "users_avatar_index" on "users" ("avatar") where "avatar" is not null;');

    this.addSql(`create table "recipes" (
      "id" serial primary key,
      "user_id" int not null references "users" ("id") on update cascade on delete cascade,
      "name" varchar(100) not null check (char_length(name) >= 1),
      "description" varchar(200) not null default '',
      "num_of_servings" int null check (num_of_servings between 1 and 50),
      "cook_time" int null check (cook_time between 1 and 300),
      "ingredients" varchar(1000) not null default '',
      "directions" varchar(1000) not null default '',
      "is_publish" boolean not null default false,
      "cover" varchar(100) null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1);`);
    this.addSql('create index "recipes_published_created_at" on "recipes" ("created_at", "id") where "is_publish";');
    this.addSql('create index "recipes_published_cook_time" on "recipes" ("cook_time", "id") where "is_publish";');
    this.addSql('create index "recipes_published_num_of_servings" on "recipes" ("num_of_servings", "id") where "is_publish";');
    this.addSql('create index "recipes_user_created_at" on "recipes" ("user_id", "created_at", "id");');
    this.addSql('create index "recipes_cover_index" on "recipes" ("cover") where "cover" is not null;');
    for (const column of ['name', 'description', 'ingredients']) {
      this.addSql(`create index "recipes_${column}_trgm" on "recipes" using gin ("${column}" public.gin_trgm_ops);`);
    }

    this.addSql(`create table "recipe_stats" (
      "id" boolean primary key default true check ("id"),
      "published" bigint not null default 0,
      "revision" bigint not null default 0);`);
    this.addSql('insert into "recipe_stats" default values;');
    this.addSql(`create function recipes_maintain_counts() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update users set published_recipes = published_recipes - old.is_publish::int,
                           draft_recipes = draft_recipes - (not old.is_publish)::int
            where id = old.user_id;
          if old.is_publish then update recipe_stats set published = published - 1; end if;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          update users set published_recipes = published_recipes + new.is_publish::int,
                           draft_recipes = draft_recipes + (not new.is_publish)::int
            where id = new.user_id;
          if new.is_publish then update recipe_stats set published = published + 1; end if;
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "recipes_counts" after insert or delete or update of "is_publish", "user_id" on "recipes"
      for each row execute function recipes_maintain_counts();`);
    this.addSql(`create function recipes_bump_revision() returns trigger language plpgsql as $$
      begin update recipe_stats set revision = revision + 1; return null; end $$;`);
    this.addSql(`create trigger "recipes_revision" after insert or update or delete on "recipes"
      for each statement execute function recipes_bump_revision();`);

    this.addSql(`create table "refresh_tokens" (
      "id" serial primary key,
      "user_id" int not null references "users" ("id") on update cascade on delete cascade,
      "family_id" uuid not null,
      "token_hash" varchar(64) not null unique,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null,
      "used_at" timestamptz null,
      "revoked_at" timestamptz null);`);
    this.addSql('create index "refresh_tokens_family_id_index" on "refresh_tokens" ("family_id");');

    this.addSql(`create table "activation_tokens" (
      "id" serial primary key,
      "user_id" int not null references "users" ("id") on update cascade on delete cascade,
      "token_hash" varchar(64) not null unique,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null,
      "used_at" timestamptz null);`);
    this.addSql('create index "activation_tokens_user_id_index" on "activation_tokens" ("user_id");');

    this.addSql(`create table "mail_outbox" (
      "id" serial primary key,
      "recipient" varchar(254) not null,
      "subject" varchar(200) not null,
      "text_body" text not null,
      "html_body" text null,
      "created_at" timestamptz not null default now(),
      "attempts" int not null default 0,
      "next_attempt_at" timestamptz not null default now(),
      "sent_at" timestamptz null,
      "last_error" varchar(500) null);`);
    this.addSql('create index "mail_outbox_pending_index" on "mail_outbox" ("next_attempt_at") where "sent_at" is null;');
  }

  override async down(): Promise<void> {
    for (const table of ['mail_outbox', 'activation_tokens', 'refresh_tokens', 'recipes', 'recipe_stats', 'users']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
    this.addSql('drop function if exists recipes_maintain_counts();');
    this.addSql('drop function if exists recipes_bump_revision();');
  }
}
