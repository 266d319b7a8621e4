import { Migration } from '@mikro-orm/migrations';

/**
 * 1. Listings sort nullable columns with NULLS LAST in both directions; a backward scan of an
 *    ascending index yields NULLS FIRST, so the descending orders get indexes of their own.
 * 2. recipe_stats.published_revision changes only when published content changes: public
 *    listings take their validators from it, so writing a draft never changes what anybody
 *    else sees, not even an ETag (API.md §5: drafts do not exist for others, 304s included).
 */
export class Migration20261125100000_listing_validators_and_indexes extends Migration {
  override async up(): Promise<void> {
    for (const column of ['cook_time', 'num_of_servings', 'created_at']) {
      const nulls = column === 'created_at' ? '' : ' nulls last';
      this.addSql(`create index "recipes_published_${column}_desc" on "recipes" ("${column}" desc${nulls}, "id" desc) where "is_publish";`);
    }
    this.addSql('alter table "recipe_stats" add column "published_revision" bigint not null default 0;');
    this.addSql(`create function recipes_bump_published_revision() returns trigger language plpgsql as $$
      begin update recipe_stats set published_revision = published_revision + 1; return null; end $$;`);
    this.addSql(`create trigger "recipes_published_revision_insert" after insert on "recipes"
      for each row when (new.is_publish) execute function recipes_bump_published_revision();`);
    this.addSql(`create trigger "recipes_published_revision_update" after update on "recipes"
      for each row when (old.is_publish or new.is_publish) execute function recipes_bump_published_revision();`);
    this.addSql(`create trigger "recipes_published_revision_delete" after delete on "recipes"
      for each row when (old.is_publish) execute function recipes_bump_published_revision();`);
  }

  override async down(): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists "recipes_published_revision_${op}" on "recipes";`);
    this.addSql('drop function if exists recipes_bump_published_revision();');
    this.addSql('alter table "recipe_stats" drop column if exists "published_revision";');
    for (const column of ['cook_time', 'num_of_servings', 'created_at']) this.addSql(`drop index if exists "recipes_published_${column}_desc";`);
  }
}
