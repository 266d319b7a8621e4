/** The SQL of recipe listings (shapes, clauses, row mapping), for RecipeRepository: the only code that runs it. */

export type RecipeSort = 'created_at' | 'cook_time' | 'num_of_servings';
export type SortOrder = 'asc' | 'desc';

/** Which recipes a listing draws from: published ones, or one user's (published, drafts or both). */
export interface RecipeScope {
  userId?: number;
  /** true: published only; false: drafts only; undefined: both. */
  isPublish?: boolean;
}

export interface PageSpec {
  sort: RecipeSort;
  order: SortOrder;
  offset: number;
  limit: number;
}

export interface NewRecipe {
  name: string;
  description: string;
  numOfServings: number | null;
  cookTime: number | null;
  ingredients: string;
  directions: string;
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards (and its escape) taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What a listing shows of a recipe: its columns and its author's id and username (nothing else of the user). */
export interface RecipeSummary extends NewRecipe {
  id: number;
  /** Changes with every write (the entity's optimistic-lock version): the validator's seed. */
  version: number;
  isPublish: boolean;
  cover: string | null;
  createdAt: Date;
  updatedAt: Date;
  user: { id: number; username: string };
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

/** WHERE clause and its parameters for a scope and an optional search (served by the pg_trgm GIN indexes). */
export function whereOf(scope: RecipeScope, q: string | undefined): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (scope.userId !== undefined) {
    clauses.push('r.user_id = ?');
    params.push(scope.userId);
  }
  if (scope.isPublish !== undefined) clauses.push(scope.isPublish ? 'r.is_publish' : 'not r.is_publish');
  if (q) {
    clauses.push('(r.name ilike ? or r.description ilike ? or r.ingredients ilike ?)');
    const pattern = containsPattern(q);
    params.push(pattern, pattern, pattern);
  }
  return { sql: clauses.length > 0 ? `where ${clauses.join(' and ')}` : '', params };
}

/** Sort column, then id as the tie-breaker in the same direction; nullable columns sort nulls last either way (matching the indexes). */
/**
 * The matching rows with their sort columns, fenced (`offset 0`) so that PostgreSQL plans them as a whole
 * (see RecipeRepository.searchPage); aliased `r`, as orderOf() expects.
 */
export function matchesOf(where: string): string {
  return `(select r.id, r.created_at, r.cook_time, r.num_of_servings from recipes r ${where} offset 0) r`;
}

export function orderOf(sort: RecipeSort, order: SortOrder): string {
  const column = SORT_COLUMNS[sort];
  const direction = order === 'asc' ? 'asc' : 'desc';
  // created_at is never null: no NULLS clause, so both directions match its indexes.
  const nulls = sort === 'created_at' ? '' : ' nulls last';
  return `order by r.${column} ${direction}${nulls}, r.id ${direction}`;
}

export interface SummaryRow {
  id: number; name: string; description: string; num_of_servings: number | null; cook_time: number | null;
  ingredients: string; directions: string; is_publish: boolean; cover: string | null;
  created_at: Date; updated_at: Date; version: number; user_id: number; username: string;
}

export function summaryOf(row: SummaryRow): RecipeSummary {
  return {
    id: row.id, name: row.name, description: row.description, numOfServings: row.num_of_servings, cookTime: row.cook_time,
    ingredients: row.ingredients, directions: row.directions, isPublish: row.is_publish, cover: row.cover,
    createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at), version: row.version,
    user: { id: row.user_id, username: row.username },
  };
}

export const SUMMARY_COLUMNS = `r.id, r.name, r.description, r.num_of_servings, r.cook_time, r.ingredients, r.directions,
  r.is_publish, r.cover, r.created_at, r.updated_at, r.version, r.user_id, u.username`;
export const SUMMARY_FROM = 'from recipes r join users u on u.id = r.user_id';
