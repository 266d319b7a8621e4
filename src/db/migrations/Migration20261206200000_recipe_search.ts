import { Migration } from '@mikro-orm/migrations';

/** The text columns, their weight in the search vector (API.md §6: a name match ranks first) and their new lengths (§5). */
const TEXTS = [
  { column: 'name', weight: 'A', length: 200, before: 100 },
  { column: 'description', weight: 'B', length: 2000, before: 200 },
  { column: 'ingredients', weight: 'C', length: 10000, before: 1000 },
  { column: 'directions', weight: 'D', length: 20000, before: 1000 },
] as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const NAME_VECTOR = 'to_tsvector(\'recipe_text\', new.name)';
const SEARCH_VECTOR = TEXTS.map(({ column, weight }) => (column === 'name'
  ? `setweight(new.name_vector, '${weight}')`
  : `setweight(to_tsvector('recipe_text', new.${column}), '${weight}')`)).join(' || ');
const TEXT_UNCHANGED = TEXTS.map(({ column }) => `new.${column} = old.${column}`).join(' and ');

/**
 * Search as people type it (API.md §6) and recipe sizes that hold real recipes (§5).
 *
 * - `recipe_text`: English (stop words, the Snowball stemmer) with `unaccent` before the stemmer, so
 *   `Tomatoes` finds `tomato` and `creme brulee` finds `Crème brûlée` — the same configuration parses
 *   recipes and queries. unaccent ships with PostgreSQL's contrib and with PGlite (loaded in
 *   embedded-postgres.ts), so both run the very same SQL.
 * - `search_vector` (name A, description B, ingredients C, directions D) and `name_vector` (the name's
 *   own, for ranking) are kept by a BEFORE trigger, recomputed only when a text changes: a generated
 *   column needs an IMMUTABLE expression, and unaccent is only STABLE. A GIN index over the published
 *   recipes' vectors serves `/recipes`; a user's list is found by its user index.
 * - `recipe_lexemes`: the vocabulary of every recipe's words (stemmed, as in the vectors), kept by the
 *   same trigger, that RecipeRepository corrects an unknown query word against (one typo: the words
 *   `recipe_one_edit_away` spells out, stemmed, looked up by equality). Each word says whether a
 *   published recipe ever held it: a search that cannot see drafts corrects against those only, so
 *   a draft's words never change what anybody else's search finds (§5: a draft behaves as if it did not
 *   exist; otherwise a word known only from a draft would not be corrected, and a stranger could test
 *   for it). Words of deleted, unpublished or changed recipes stay: a stale word costs a correction
 *   nobody can find, nothing else.
 * - The trigram indexes over whole texts served only `ILIKE '%q%'`: dropped.
 */
export class Migration20261206200000_recipe_search extends Migration {
  override async up(): Promise<void> {
    for (const { column, length } of TEXTS) this.addSql(`alter table "recipes" alter column "${column}" type varchar(${length});`);
    this.addSql('alter table "recipes" drop constraint if exists "recipes_cook_time_check";');
    this.addSql('alter table "recipes" add constraint "recipes_cook_time_check" check (cook_time between 1 and 1440);');
    for (const column of ['name', 'description', 'ingredients']) this.addSql(`drop index if exists "recipes_${column}_trgm";`);

    this.addSql('create extension if not exists unaccent with schema public;');
    this.addSql('create text search configuration recipe_text (copy = english);');
    this.addSql('alter text search configuration recipe_text alter mapping for hword, hword_part, word with unaccent, english_stem;');

    this.addSql('create table "recipe_lexemes" ("lexeme" text primary key, "published" boolean not null);');
    // Every word one edit away (a letter deleted, swapped with the next, replaced, inserted), space-separated: ~54 per letter.
    this.addSql(`create function recipe_one_edit_away(word text) returns text language sql immutable parallel safe as $$
      select string_agg(v, ' ') from (
        select left(word, i) || substr(word, i + 2) as v from generate_series(0, length(word) - 1) i
        union all
        select left(word, i) || substr(word, i + 2, 1) || substr(word, i + 1, 1) || substr(word, i + 3) from generate_series(0, length(word) - 2) i
        union all
        select left(word, i) || c || substr(word, i + 2) from generate_series(0, length(word) - 1) i, unnest(string_to_array('${LETTERS}', null)) c
        union all
        select left(word, i) || c || substr(word, i + 1) from generate_series(0, length(word)) i, unnest(string_to_array('${LETTERS}', null)) c
      ) variants $$;`);
    this.addSql('alter table "recipes" add column "name_vector" tsvector not null default \'\', add column "search_vector" tsvector not null default \'\';');
    this.addSql(`create function recipes_search_vectors() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' or not (${TEXT_UNCHANGED}) then
          new.name_vector := ${NAME_VECTOR};
          new.search_vector := ${SEARCH_VECTOR};
        elsif new.is_publish = old.is_publish then
          return new;
        end if;
        insert into recipe_lexemes (lexeme, published)
          select w, new.is_publish from unnest(tsvector_to_array(new.search_vector)) w
          where not exists (select 1 from recipe_lexemes l where l.lexeme = w and (l.published or not new.is_publish))
          on conflict (lexeme) do update set published = true where excluded.published;
        return new;
      end $$;`);
    this.addSql(`create trigger "recipes_search" before insert or update of ${TEXTS.map((t) => `"${t.column}"`).join(', ')}, "is_publish" on "recipes"
      for each row execute function recipes_search_vectors();`);
    // Existing recipes: the same vectors and words (the trigger skips an update that changes no text).
    this.addSql(`update "recipes" set "name_vector" = ${NAME_VECTOR.replace('new.', '')};`);
    this.addSql(`update "recipes" set "search_vector" = ${SEARCH_VECTOR.replace(/new\./g, '')};`);
    this.addSql(`insert into recipe_lexemes (lexeme, published)
      select w, bool_or(is_publish) from recipes, unnest(tsvector_to_array(search_vector)) w group by w;`);
    this.addSql('create index "recipes_published_search" on "recipes" using gin ("search_vector") where "is_publish";');
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "recipes_published_search";');
    this.addSql('drop trigger if exists "recipes_search" on "recipes";');
    this.addSql('drop function if exists recipes_search_vectors();');
    this.addSql('alter table "recipes" drop column if exists "search_vector", drop column if exists "name_vector";');
    this.addSql('drop table if exists "recipe_lexemes";');
    this.addSql('drop function if exists recipe_one_edit_away(text);');
    this.addSql('drop text search configuration if exists recipe_text;');
    for (const column of ['name', 'description', 'ingredients']) {
      this.addSql(`create index if not exists "recipes_${column}_trgm" on "recipes" using gin ("${column}" public.gin_trgm_ops);`);
    }
    this.addSql('alter table "recipes" drop constraint if exists "recipes_cook_time_check";');
    this.addSql('alter table "recipes" add constraint "recipes_cook_time_check" check (cook_time between 1 and 300);');
    for (const { column, before } of TEXTS) this.addSql(`alter table "recipes" alter column "${column}" type varchar(${before});`);
  }
}
