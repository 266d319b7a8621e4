import { LockMode, OptimisticLockError, QueryOrder, type EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/postgresql';
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

const SORT_PROPERTIES = { created_at: 'createdAt', cook_time: 'cookTime', num_of_servings: 'numOfServings' } as const;
const NULLABLE_SORTS: ReadonlySet<RecipeSort> = new Set(['cook_time', 'num_of_servings']);

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards (and its escape) taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereOf(scope: RecipeScope, q: string | undefined): FilterQuery<Recipe> {
  const where: Record<string, unknown> = {};
  if (scope.userId !== undefined) where.user = scope.userId;
  if (scope.isPublish !== undefined) where.isPublish = scope.isPublish;
  if (q) {
    const pattern = containsPattern(q);
    where.$or = [{ name: { $ilike: pattern } }, { description: { $ilike: pattern } }, { ingredients: { $ilike: pattern } }];
  }
  return where as FilterQuery<Recipe>;
}

/** Sort column, then id as the tie-breaker in the same direction; nulls last either way. */
function orderOf(sort: RecipeSort, order: SortOrder): QueryOrderMap<Recipe>[] {
  const nullable = NULLABLE_SORTS.has(sort);
  const direction = order === 'asc'
    ? (nullable ? QueryOrder.ASC_NULLS_LAST : QueryOrder.ASC)
    : (nullable ? QueryOrder.DESC_NULLS_LAST : QueryOrder.DESC);
  return [{ [SORT_PROPERTIES[sort]]: direction } as QueryOrderMap<Recipe>, { id: order === 'asc' ? QueryOrder.ASC : QueryOrder.DESC }];
}

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

  /** One page of a listing, authors joined (one query). */
  findPage(scope: RecipeScope, q: string | undefined, page: PageSpec): Promise<Recipe[]> {
    return this.em().find(RecipeSchema, whereOf(scope, q), {
      populate: ['user'],
      orderBy: orderOf(page.sort, page.order),
      limit: page.limit,
      offset: page.offset,
    });
  }

  /** count(*) of a search; totals without a search come from the trigger-kept counters. */
  countMatching(scope: RecipeScope, q: string): Promise<number> {
    return this.em().count(RecipeSchema, whereOf(scope, q));
  }

  /** All published recipes, from the counter the triggers keep (no count(*)). */
  async countPublished(): Promise<number> {
    const rows = await this.em().getConnection().execute<Array<{ published: string | number }>>(
      'select "published" from "recipe_stats"',
    );
    return Number(rows[0]?.published ?? 0);
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
