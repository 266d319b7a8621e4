/** The SQL of recipe listings (shapes, clauses, row mapping), for RecipeRepository: the only code that runs it. */
import { FIELD_COLUMNS, valuesOfRow, type LooseRecipeValues, type RecipeFieldValues } from './recipe-fields.ts';

export type RecipeSort = 'relevance' | 'created_at' | 'cook_time' | 'num_of_servings';
export type SortOrder = 'asc' | 'desc';

/** Which recipes a listing draws from: published ones, or one user's (published, drafts or both). */
export interface RecipeScope {
  userId?: number;
  /** true: published only; false: drafts only; undefined: both (only ever the owner's own list). */
  isPublish?: boolean;
}

/** A search's text part as `tsquery` texts of the `recipe_text` configuration (recipe-search-sql.ts makes them from q). */
export interface TextQuery {
  /** Every required word and phrase (typos corrected), AND-ed; empty when q requires nothing. */
  match: string;
  /** Any of the excluded words and phrases, OR-ed; empty when none. */
  exclude: string;
  /**
   * Each required word or phrase on its own (`query`): relevance counts those the name holds; `typed`,
   * for a word, the regular expression of the word as typed (accents and case folded).
   */
  terms: Array<{ query: string; typed?: string }>;
}

/** What a listing keeps of its recipes besides the scope (API.md §6): a search and the filters. */
export interface RecipeFilter {
  text?: TextQuery;
  maxCookTime?: number;
  minServings?: number;
}

export interface PageSpec {
  /** `relevance` only with a text that requires something; else a column. */
  sort: RecipeSort;
  order: SortOrder;
  offset: number;
  limit: number;
}

/**
 * What every view of a recipe holds (the entity, or a listing's row): its fields, state and author's
 * id and username (nothing else of the user). What a Resource renders a recipe from.
 */
export interface RecipeRecord extends LooseRecipeValues {
  id: number;
  /** Changes with every write (the entity's optimistic-lock version): the validator's seed. */
  version: number;
  isPublish: boolean;
  cover?: string | null;
  createdAt: Date;
  updatedAt: Date;
  user: { id: number; username: string };
}

/** What a listing shows of a recipe: one plain row. */
export interface RecipeSummary extends RecipeRecord {
  cover: string | null;
}

/** The totals and the change counter the triggers keep (see the initial migration). */
export interface RecipeStats {
  published: number;
  /** Changes with every write to recipes: a cheap validator for listings that show drafts. */
  revision: number;
  /** Changes only when published content changes: the validator of public listings. */
  publishedRevision: number;
}

const SORT_COLUMNS = { created_at: 'created_at', cook_time: 'cook_time', num_of_servings: 'num_of_servings' } as const;

/** WHERE clause and its parameters for a scope, a search (served by the GIN index of search vectors) and the filters. */
export function whereOf(scope: RecipeScope, filter: RecipeFilter = {}): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (scope.userId !== undefined) {
    clauses.push('r.user_id = ?');
    params.push(scope.userId);
  }
  if (scope.isPublish !== undefined) clauses.push(scope.isPublish ? 'r.is_publish' : 'not r.is_publish');
  const { text, maxCookTime, minServings } = filter;
  if (text?.match) {
    clauses.push('r.search_vector @@ ?::tsquery');
    params.push(text.match);
  }
  if (text?.exclude) {
    clauses.push('not (r.search_vector @@ ?::tsquery)');
    params.push(text.exclude);
  }
  if (maxCookTime !== undefined) {
    clauses.push('r.cook_time <= ?');
    params.push(maxCookTime);
  }
  if (minServings !== undefined) {
    clauses.push('r.num_of_servings >= ?');
    params.push(minServings);
  }
  return { sql: clauses.length > 0 ? `where ${clauses.join(' and ')}` : '', params };
}

/**
 * Relevance of a search (API.md §6): for each required word or phrase the name holds (stemmed, accents
 * folded) 2, and 1 more when it holds the word as typed (`tomatoes`, not only `tomato`), so a recipe whose
 * name matches ranks above one that matches elsewhere only; newer first among equals. Only a name that
 * matches is read again (the CASE).
 */
export function rankOf(text: TextQuery | undefined): { sql: string; params: unknown[] } {
  const terms = text?.terms ?? [];
  if (terms.length === 0) return { sql: '0', params: [] };
  return {
    sql: terms.map((term) => (term.typed === undefined ? '(case when r.name_vector @@ ?::tsquery then 2 else 0 end)'
      : '(case when r.name_vector @@ ?::tsquery then 2 + (lower(unaccent(r.name)) ~ ?)::int else 0 end)')).join(' + '),
    params: terms.flatMap((term) => (term.typed === undefined ? [term.query] : [term.query, term.typed])),
  };
}

/**
 * The matching rows with their sort columns (and rank), fenced (`offset 0`) so that PostgreSQL plans them
 * as a whole (see RecipeRepository.searchPage); aliased `r`, as orderOf() expects.
 */
export function matchesOf(where: string, rank = '0'): string {
  return `(select r.id, r.created_at, r.cook_time, r.num_of_servings, ${rank} as rank from recipes r ${where} offset 0) r`;
}

/**
 * Sort column, then id as the tie-breaker in the same direction; nullable columns sort nulls last either way
 * (matching the indexes). Relevance: the rank, then the newest (`order` does not apply).
 */
export function orderOf(sort: RecipeSort, order: SortOrder, rankAlias = 'r'): string {
  if (sort === 'relevance') return `order by ${rankAlias}.rank desc, r.created_at desc, r.id desc`;
  const column = SORT_COLUMNS[sort];
  const direction = order === 'asc' ? 'asc' : 'desc';
  // created_at is never null: no NULLS clause, so both directions match its indexes.
  const nulls = sort === 'created_at' ? '' : ' nulls last';
  return `order by r.${column} ${direction}${nulls}, r.id ${direction}`;
}

export interface SummaryRow extends RecipeFieldValues {
  id: number; is_publish: boolean; cover: string | null; created_at: Date; updated_at: Date; version: number; user_id: number; username: string;
}

export function summaryOf(row: SummaryRow): RecipeSummary {
  return {
    id: row.id, ...valuesOfRow(row), isPublish: row.is_publish, cover: row.cover,
    createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at), version: row.version,
    user: { id: row.user_id, username: row.username },
  };
}

export const SUMMARY_COLUMNS = `r.id, ${FIELD_COLUMNS}, r.is_publish, r.cover, r.created_at, r.updated_at, r.version, r.user_id, u.username`;
export const SUMMARY_FROM = 'from recipes r join users u on u.id = r.user_id';
