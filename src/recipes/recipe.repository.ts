import { LockMode, OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../problem-types.ts';
import type { User } from '../users/user.entity.ts';
import { RecipeSchema, type Recipe } from './recipe.entity.ts';

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
function whereOf(scope: RecipeScope, q: string | undefined): { sql: string; params: unknown[] } {
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
function orderOf(sort: RecipeSort, order: SortOrder): string {
  const column = SORT_COLUMNS[sort];
  const direction = order === 'asc' ? 'asc' : 'desc';
  // created_at is never null: no NULLS clause, so both directions match its indexes.
  const nulls = sort === 'created_at' ? '' : ' nulls last';
  return `order by r.${column} ${direction}${nulls}, r.id ${direction}`;
}

interface SummaryRow {
  id: number; name: string; description: string; num_of_servings: number | null; cook_time: number | null;
  ingredients: string; directions: string; is_publish: boolean; cover: string | null;
  created_at: Date; updated_at: Date; user_id: number; username: string;
}

function summaryOf(row: SummaryRow): RecipeSummary {
  return {
    id: row.id, name: row.name, description: row.description, numOfServings: row.num_of_servings, cookTime: row.cook_time,
    ingredients: row.ingredients, directions: row.directions, isPublish: row.is_publish, cover: row.cover,
    createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at), user: { id: row.user_id, username: row.username },
  };
}

const SUMMARY_COLUMNS = `r.id, r.name, r.description, r.num_of_servings, r.cook_time, r.ingredients, r.directions,
  r.is_publish, r.cover, r.created_at, r.updated_at, r.user_id, u.username`;
const SUMMARY_FROM = 'from recipes r join users u on u.id = r.user_id';

/** Recipes: the only code that queries them. */
export class RecipeRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** One recipe with its author, or null. */
  findById(id: number): Promise<Recipe | null> {
    return this.em().findOne(RecipeSchema, { id }, { populate: ['user'] });
  }

  /** One recipe, its row locked for the rest of the transaction, with its author. */
  async findForUpdate(id: number): Promise<Recipe | null> {
    const recipe = await this.em().findOne(RecipeSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (recipe) await this.em().populate(recipe, ['user']);
    return recipe;
  }

  /**
   * One page of a listing with the authors joined: plain rows (no entities to hydrate). A deferred join:
   * the ids of the page come from the sort index alone (an index-only scan, even far into the listing),
   * and only those 20 rows are read and joined. Skipping OFFSET whole rows and joins did not scale:
   * page 22 500 of a million recipes took seconds.
   */
  async findPage(scope: RecipeScope, page: PageSpec): Promise<RecipeSummary[]> {
    return (await this.page(scope, undefined, page, false)).items;
  }

  /**
   * A page of a search and the number of all its matches, from one scan of the trigram indexes
   * (`count(*) over ()` is taken before LIMIT); null when the page is past the end (no row to carry it).
   */
  searchPage(scope: RecipeScope, q: string, page: PageSpec): Promise<{ items: RecipeSummary[]; total: number | null }> {
    return this.page(scope, q, page, true);
  }

  private async page(scope: RecipeScope, q: string | undefined, page: PageSpec, counted: boolean) {
    const where = whereOf(scope, q);
    const order = orderOf(page.sort, page.order);
    const rows = await this.em().getConnection().execute<Array<SummaryRow & { total?: string | number }>>(
      `select ${SUMMARY_COLUMNS}${counted ? ', page.total' : ''} ${SUMMARY_FROM}
         join (select r.id${counted ? ', count(*) over () as total' : ''} from recipes r ${where.sql} ${order} limit ? offset ?) page
           on page.id = r.id ${order}`,
      [...where.params, page.limit, page.offset],
    );
    return { items: rows.map(summaryOf), total: counted && rows[0] ? Number(rows[0].total) : null };
  }

  /** One recipe as a listing shows it (the author's id and username only), or null: one plain query. */
  async findSummary(id: number): Promise<RecipeSummary | null> {
    const rows = await this.em().getConnection().execute<SummaryRow[]>(`select ${SUMMARY_COLUMNS} ${SUMMARY_FROM} where r.id = ?`, [id]);
    return rows[0] ? summaryOf(rows[0]) : null;
  }

  /** count(*) of a search; totals without a search come from the trigger-kept counters. */
  async countMatching(scope: RecipeScope, q: string): Promise<number> {
    const where = whereOf(scope, q);
    const rows = await this.em().getConnection().execute<Array<{ total: string | number }>>(
      `select count(*) as total from recipes r ${where.sql}`, where.params,
    );
    return Number(rows[0]?.total ?? 0);
  }

  /**
   * The published total and the change counters, summed over the counter slots the triggers keep
   * (no count(*); one statement, so one snapshot: see the recipe_stats_slots migration).
   */
  async stats(): Promise<RecipeStats> {
    const rows = await this.em().getConnection().execute<Array<Record<'published' | 'revision' | 'published_revision', string | number>>>(
      'select sum(published) as published, sum(revision) as revision, sum(published_revision) as published_revision from recipe_stats_slots',
    );
    const row = rows[0];
    return { published: Number(row?.published ?? 0), revision: Number(row?.revision ?? 0), publishedRevision: Number(row?.published_revision ?? 0) };
  }

  create(author: User, data: NewRecipe): Recipe {
    return this.em().create(RecipeSchema, { ...data, user: author, isPublish: false, cover: null } as never);
  }

  remove(recipe: Recipe): void {
    this.em().remove(recipe);
  }

  /** Writes the changes; an UPDATE whose version no longer matches (a concurrent write) is a 409, never a 500. */
  async flush(): Promise<void> {
    try {
      await this.em().flush();
    } catch (error) {
      if (error instanceof OptimisticLockError) throw new AppError('conflict', 'The recipe was changed at the same time; read it again and retry.');
      throw error;
    }
  }

  /** Runs `work` in one transaction: every query the repositories make inside it joins it. */
  inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.em().transactional(() => work());
  }
}
