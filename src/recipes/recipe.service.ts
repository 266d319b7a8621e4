import { userRecipesQuerySchema, type RecipeCreate, type RecipeEdit, type RecipesQuery, type UserRecipesQuery } from '../../schemas/recipe.schema.ts';
import { AppError } from '../core/app-error.ts';
import type { Caller } from '../core/caller.ts';
import { authorize, unauthorized, type SignedInPolicy } from '../core/policy.ts';
import type { IdempotencyClaim } from '../core/idempotency.ts';
import type { IdempotencyKeys } from '../db/idempotency-keys.ts';
import type { Transactions } from '../db/transactions.ts';
import type { User } from '../users/user.entity.ts';
import type { UserRepository } from '../users/user.repository.ts';
import { canSeeRecipe, recipeCollectionPolicies, recipePolicies, type RecipeState } from './recipe.policies.ts';
import type { Recipe } from './recipe.entity.ts';
import { changesOf, newRecipeOf } from './recipe-fields.ts';
import type { PageSpec, RecipeFilter, RecipeRepository, RecipeScope, RecipeStats, RecipeSummary } from './recipe.repository.ts';
import { searchTermsOf } from './search-terms.ts';

const { properties: QUERY } = userRecipesQuerySchema;
/** The defaults the query schema documents (/schemas/recipes-query). */
export const DEFAULT_PER_PAGE = QUERY.per_page.default;

export interface RecipePage {
  items: RecipeSummary[];
  total: number;
  page: number;
  perPage: number;
}

export interface UserRecipePage extends RecipePage {
  owner: User;
  /** The visibility actually applied: anything but `public` only for the owner. */
  visibility: 'public' | 'all' | 'private';
}

/** Runs inside a write's transaction on the current, locked recipe; throws to refuse (If-Match → 412). */
export type Precondition = (recipe: Recipe) => void;

/** A change of a recipe is done by its owner only (recipe.policies.ts). */
export type RecipeChange = SignedInPolicy<RecipeState>;

/** Whether a listing is searched or filtered: then counted with its page, never from the trigger-kept totals. */
function searched(query: RecipesQuery): boolean {
  return Boolean(query.q) || query.max_cook_time !== undefined || query.min_servings !== undefined;
}

function notFound(id: number): AppError {
  return new AppError('not-found', `There is no recipe ${id}.`);
}

/** Recipes: who sees what of them, one by one and in lists, and every change to them (API.md §5, §6), by the rules of recipe.policies.ts. */
export class RecipeService {
  constructor(
    private readonly recipes: RecipeRepository, private readonly users: UserRepository, private readonly tx: Transactions,
    private readonly keys?: IdempotencyKeys,
  ) {}

  /** What `GET /recipes/{id}` shows (plain row, no entity): a draft of someone else's is a 404 like a missing one. */
  async view(caller: Caller | null, id: number): Promise<RecipeSummary> {
    const recipe = await this.recipes.findSummary(id);
    if (!recipe || !canSeeRecipe(caller, recipe)) throw notFound(id);
    return recipe;
  }

  /** The published total and the change counters every listing's validator is made from (one tiny query). */
  stats(): Promise<RecipeStats> {
    return this.recipes.stats();
  }

  /** `/recipes`: published recipes of everybody (`stats` from a validator check made just before). */
  async list(query: RecipesQuery, stats: RecipeStats): Promise<RecipePage> {
    const scope: RecipeScope = { isPublish: true };
    return searched(query) ? this.search(scope, query) : this.page(scope, query, stats.published);
  }

  /** `/users/{username}/recipes`: drafts only for the owner, and only when asked for. */
  async listOfUser(caller: Caller | null, username: string, query: UserRecipesQuery): Promise<UserRecipePage> {
    const owner = await this.users.findByUsername(username);
    // As /users/{username}: an account not activated yet does not exist for anybody.
    if (!owner || !owner.isActive) throw new AppError('not-found', `There is no user "${username}".`);
    const visibility = owner.id === caller?.id ? query.visibility ?? QUERY.visibility.default : QUERY.visibility.default;
    const isPublish = visibility === 'public' ? true : visibility === 'private' ? false : undefined;
    const scope: RecipeScope = { userId: owner.id, ...(isPublish !== undefined && { isPublish }) };
    const counted = isPublish === undefined
      ? owner.publishedRecipes + owner.draftRecipes
      : isPublish ? owner.publishedRecipes : owner.draftRecipes;
    const page = searched(query) ? await this.search(scope, query) : await this.page(scope, query, counted);
    return { ...page, owner, visibility };
  }

  /**
   * A page of a search or a filtered listing with its exact total: from the page's own query, or counted
   * when the page is past the end. `q` is read as words, phrases and exclusions (search-terms.ts).
   */
  private async search(scope: RecipeScope, query: RecipesQuery): Promise<RecipePage> {
    const spec = this.spec(query);
    const filter: RecipeFilter = {
      ...(query.q && { text: await this.recipes.textQuery(searchTermsOf(query.q), scope.isPublish !== true) }),
      ...(query.max_cook_time !== undefined && { maxCookTime: query.max_cook_time }),
      ...(query.min_servings !== undefined && { minServings: query.min_servings }),
    };
    const found = await this.recipes.searchPage(scope, filter, spec);
    const total = found.total ?? await this.recipes.countMatching(scope, filter);
    return { items: found.items, total, page: query.page ?? QUERY.page.default, perPage: spec.limit };
  }

  /** A page of a counted listing; a page past the end (known from the counter) costs no query. */
  private async page(scope: RecipeScope, query: RecipesQuery, total: number): Promise<RecipePage> {
    const spec = this.spec(query);
    const items = spec.offset >= total ? [] : await this.recipes.findPage(scope, spec);
    return { items, total, page: query.page ?? QUERY.page.default, perPage: spec.limit };
  }

  /** Relevance (the default) ranks a search; without `q` it orders as `created_at` (API.md §6). */
  private spec(query: RecipesQuery): PageSpec {
    const perPage = query.per_page ?? DEFAULT_PER_PAGE;
    const page = query.page ?? QUERY.page.default;
    const sort = query.sort ?? QUERY.sort.default;
    return {
      sort: sort === 'relevance' && !query.q ? 'created_at' : sort,
      order: query.order ?? QUERY.order.default, offset: (page - 1) * perPage, limit: perPage,
    };
  }

  /**
   * A new draft of the caller's. With an Idempotency-Key (`once`, API.md §10) the key is stored in the
   * same transaction, and a retry with it resolves to the recipe the first request created.
   */
  create(caller: Caller | null, data: RecipeCreate, once?: IdempotencyClaim): Promise<Recipe> {
    authorize(recipeCollectionPolicies.create, caller, {});
    const write = async () => {
      const author = await this.users.findById(caller.id);
      if (!author) throw new AppError('forbidden', 'The account of this access token no longer exists.');
      const recipe = this.recipes.create(author, newRecipeOf(data));
      await this.recipes.flush();
      return { value: recipe, id: recipe.id };
    };
    const created = async (id: string) => {
      const recipe = await this.recipes.findById(Number(id));
      if (!recipe) throw new AppError('not-found', `The recipe created with this Idempotency-Key (${id}) has been deleted since.`);
      return recipe;
    };
    return this.tx.run(async () => (this.keys ? this.keys.once(once, write, created) : (await write()).value));
  }

  /** Changes only the properties sent. */
  edit(caller: Caller | null, id: number, changes: RecipeEdit, precondition: Precondition): Promise<Recipe> {
    return this.change(recipePolicies.edit, caller, id, precondition, (recipe) => Object.assign(recipe, changesOf(changes)));
  }

  /** Publishes a draft or takes a published recipe back to draft; idempotent (API.md §5): a repeat changes nothing. */
  setPublished(caller: Caller | null, id: number, publish: boolean, precondition: Precondition): Promise<Recipe> {
    return this.change(publish ? recipePolicies.publish : recipePolicies.unpublish, caller, id, precondition, (recipe) => {
      recipe.isPublish = publish;
    });
  }

  /** Sets the cover image's file name (null removes it); resolves to the recipe and the file it replaced. */
  async setCover(caller: Caller | null, id: number, cover: string | null, precondition: Precondition): Promise<{ recipe: Recipe; previous: string | null }> {
    let previous: string | null = null;
    const recipe = await this.change(cover ? recipePolicies.setCover : recipePolicies.removeCover, caller, id, precondition, (current) => {
      previous = current.cover ?? null;
      current.cover = cover;
    });
    return { recipe, previous };
  }

  /** Deletes the recipe; resolves to what it was (for the links the change invalidates). */
  delete(caller: Caller | null, id: number, precondition: Precondition): Promise<Recipe> {
    return this.change(recipePolicies.delete, caller, id, precondition, (recipe) => this.recipes.remove(recipe));
  }

  /** Whether `change` would be allowed now (no lock): to refuse before costly work such as decoding an upload. */
  async check(change: RecipeChange, caller: Caller | null, id: number, precondition: Precondition): Promise<void> {
    if (caller === null) throw unauthorized();
    const recipe = await this.recipes.findById(id);
    if (!recipe || !canSeeRecipe(caller, recipe)) throw notFound(id);
    authorize(change, caller, recipe);
    precondition(recipe);
  }

  /**
   * One write: lock the row, check visibility, the policy and If-Match, apply, flush — all in one
   * transaction. An anonymous caller is refused (401) before anything is read.
   */
  private change(change: RecipeChange, caller: Caller | null, id: number, precondition: Precondition, apply: (recipe: Recipe) => void): Promise<Recipe> {
    if (caller === null) return Promise.reject(unauthorized());
    return this.tx.run(async () => {
      const recipe = await this.recipes.findForUpdate(id);
      if (!recipe || !canSeeRecipe(caller, recipe)) throw notFound(id);
      authorize(change, caller, recipe);
      precondition(recipe);
      apply(recipe);
      await this.recipes.flush();
      return recipe;
    });
  }
}
