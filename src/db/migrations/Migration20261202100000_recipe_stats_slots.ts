import { Migration } from '@mikro-orm/migrations';

/** Counter rows; a write touches the one of its backend, readers sum them all. */
const SLOTS = 32;
const MINE = `slot = pg_backend_pid() % ${SLOTS}`;

const countsFunction = (table: string, where: string) => `create or replace function recipes_maintain_counts() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      update users set published_recipes = published_recipes - old.is_publish::int,
                       draft_recipes = draft_recipes - (not old.is_publish)::int
        where id = old.user_id;
      if old.is_publish then update ${table} set published = published - 1${where}; end if;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      update users set published_recipes = published_recipes + new.is_publish::int,
                       draft_recipes = draft_recipes + (not new.is_publish)::int
        where id = new.user_id;
      if new.is_publish then update ${table} set published = published + 1${where}; end if;
    end if;
    return null;
  end $$;`;
const bump = (name: string, column: string, table: string, where: string) => `create or replace function ${name}() returns trigger language plpgsql as $$
  begin update ${table} set ${column} = ${column} + 1${where}; return null; end $$;`;

/**
 * recipe_stats was ONE row that every write to recipes updated (revision with every statement, published
 * and published_revision with every change to published content), so concurrent writers queued on its row
 * lock until each other's commit: with 32 writers, 42 % of their time was spent waiting for it
 * (`npm run bench:topology`). Now the counters live in SLOTS rows: a write updates the row of its backend
 * (pg_backend_pid() % SLOTS — one row per transaction, so two transactions never lock slots in opposite
 * orders), and RecipeRepository.stats() sums them in one statement (one snapshot).
 * Totals stay exact (a slot's `published` may go below 0; the sum is the count). The revisions stay
 * validators: each slot's counters only grow, so their sums grow with every relevant write, in the same
 * transaction as the change, and never repeat a value for different content.
 */
export class Migration20261202100000_recipe_stats_slots extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "recipe_stats_slots" (
      "slot" smallint primary key check ("slot" >= 0 and "slot" < ${SLOTS}),
      "published" bigint not null default 0,
      "revision" bigint not null default 0,
      "published_revision" bigint not null default 0);`);
    this.addSql(`insert into "recipe_stats_slots" ("slot", "published", "revision", "published_revision")
      select 0, "published", "revision", "published_revision" from "recipe_stats";`);
    this.addSql(`insert into "recipe_stats_slots" ("slot") select generate_series(1, ${SLOTS - 1});`);
    this.addSql(countsFunction('recipe_stats_slots', ` where ${MINE}`));
    this.addSql(bump('recipes_bump_revision', 'revision', 'recipe_stats_slots', ` where ${MINE}`));
    this.addSql(bump('recipes_bump_published_revision', 'published_revision', 'recipe_stats_slots', ` where ${MINE}`));
    this.addSql('drop table "recipe_stats";');
  }

  override async down(): Promise<void> {
    this.addSql(`create table "recipe_stats" (
      "id" boolean primary key default true check ("id"),
      "published" bigint not null default 0,
      "revision" bigint not null default 0,
      "published_revision" bigint not null default 0);`);
    this.addSql(`insert into "recipe_stats" ("published", "revision", "published_revision")
      select coalesce(sum("published"), 0), coalesce(sum("revision"), 0), coalesce(sum("published_revision"), 0) from "recipe_stats_slots";`);
    this.addSql(countsFunction('recipe_stats', ''));
    this.addSql(bump('recipes_bump_revision', 'revision', 'recipe_stats', ''));
    this.addSql(bump('recipes_bump_published_revision', 'published_revision', 'recipe_stats', ''));
    this.addSql('drop table "recipe_stats_slots";');
  }
}
