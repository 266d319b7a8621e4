import type { HalLink } from 'hal-types';
import { pageKeys } from '../src/core/cache-keys.ts';
import type { Query } from '../src/core/paths.ts';
import type { RenderContext, Visibility } from '../src/core/representation.ts';
import type { CollectionState } from '../src/recipes/recipe.policies.ts';
import { recipeCreateSchema } from '../schemas/recipe.schema.ts';
import { form, queryForm } from './hal-forms.ts';
import { collectionQueryVariables, recipeCollectionAffordances, SEARCH_FORM, userCollectionQueryVariables } from './recipe-collection.affordances.ts';
import { recipePaths } from './recipe.affordances.ts';
import { RecipeResource, type RecipeView } from './recipe.resource.ts';
import { Resource, type Links } from './resource.ts';

/** The query parameters a collection's links keep (as the client sent them; `page` is set per link). */
export interface KeptQuery {
  q?: string;
  sort?: string;
  order?: string;
  per_page?: number;
  max_cook_time?: number;
  min_servings?: number;
  visibility?: string;
}

export interface RecipeCollectionView {
  items: RecipeView[];
  total: number;
  page: number;
  perPage: number;
  query: KeptQuery;
  /** Set for `/users/{username}/recipes`: whose list it is, and which of its recipes it shows. */
  owner?: { id: number; username: string; shown: 'public' | 'all' | 'private' };
}

/** Bump when the rendering of collections changes, so that revision-based ETags change with it. */
const RENDERING = 4;

/**
 * `/recipes` and `/users/{username}/recipes` (API.md §6). `pages` is at least 1, so `first` and
 * `last` always exist; page 1 is linked without a `page` parameter (one URI per page).
 */
export class RecipeCollectionResource extends Resource {
  constructor(ctx: RenderContext, private readonly view: RecipeCollectionView) {
    super(ctx);
  }

  get pages(): number {
    return Math.max(1, Math.ceil(this.view.total / this.view.perPage));
  }

  private pageUri(page: number): string {
    const { q, sort, order, per_page, max_cook_time, min_servings, visibility } = this.view.query;
    // The order of the search template's variables, so expanded templates give the same URIs.
    const query: Query = { q, sort, order, page: page === 1 ? undefined : page, per_page, max_cook_time, min_servings };
    const { owner } = this.view;
    return owner
      ? this.uris.of(recipePaths.userCollection, { username: owner.username }, { ...query, visibility })
      : this.uris.of(recipePaths.collection, {}, query);
  }

  get self(): string {
    return this.pageUri(this.view.page);
  }

  get profile(): string {
    return recipeCreateSchema.$id;
  }

  /**
   * What the page shows, and nothing else: its URI (the query), the caller, the total and each item's
   * own seed (id, version, the caller's view). So the ETag changes exactly when the body may, and a page
   * that a change does not purge keeps its ETag at the origin too (API.md §8): a user's list is not
   * touched by another user's writes, nor /recipes?page=3 by an edit of a recipe on page 1.
   * (The cheap 304 before any page query: src/routes/recipe-collection.routes.ts remembers it per revision.)
   */
  protected override seed(): string {
    const items = this.view.items.map((item) => new RecipeResource(this.ctx, item).etagSeed()).join(',');
    return `recipes|${RENDERING}|${this.ctx.caller?.id ?? '-'}|${this.self}|${this.view.total}|${items}`;
  }

  override cacheKeys(): readonly string[] {
    const { owner, query, items } = this.view;
    return pageKeys.listing(owner?.id, { ...query }, items);
  }

  /** Private as soon as it shows a draft (only ever to the owner). */
  override visibility(): Visibility {
    return this.view.items.every((item) => item.isPublish) ? 'public' : 'private';
  }

  /** What the list holds, as a person would say it: "Recipes by alice", "alice's drafts", "Published recipes matching “soup”". */
  protected override selfTitle(): string {
    const { owner, query } = this.view;
    const what = !owner ? 'Published recipes'
      : owner.shown === 'private' ? `${owner.username}'s drafts`
        : owner.shown === 'all' ? `All recipes by ${owner.username}` : `Recipes by ${owner.username}`;
    return query.q ? `${what} matching “${query.q}”` : what;
  }

  protected override properties() {
    const { page, perPage, total } = this.view;
    return { page, per_page: perPage, total, pages: this.pages };
  }

  protected override links(): Links {
    const { page, owner } = this.view;
    const { pages, uris } = this;
    const link = (n: number, title: string): HalLink => ({ href: this.pageUri(n), title });
    return {
      first: link(1, 'First page'),
      ...(page > 1 && { prev: link(Math.min(page - 1, pages), 'Previous page') }),
      ...(page < pages && { next: link(page + 1, 'Next page') }),
      last: link(pages, 'Last page'),
      search: {
        href: owner
          ? uris.template(recipePaths.userCollection, { username: owner.username }, userCollectionQueryVariables)
          : uris.template(recipePaths.collection, {}, collectionQueryVariables),
        templated: true,
        title: 'Search, sort and page',
      },
    };
  }

  protected override embedded(): Record<string, Resource[]> {
    return { item: this.view.items.map((item) => new RecipeResource(this.ctx, item)) };
  }

  /** `search` (prefilled with this page's query, its target the list itself), and `create`. */
  protected override forms() {
    const { owner, query } = this.view;
    const { list, listOfUser, create } = recipeCollectionAffordances;
    const state: CollectionState = owner ? { owner } : {};
    const search = owner
      ? queryForm(listOfUser, state, { ...SEARCH_FORM, title: `Search the recipes of ${owner.username}` },
          () => this.uris.of(recipePaths.userCollection, { username: owner.username }), () => ({ ...query }))
      : queryForm(list, state, SEARCH_FORM, () => this.uris.of(recipePaths.collection, {}), () => ({ ...query }));
    return [search, form(create, state, () => this.uris.of(recipePaths.collection, {}))];
  }
}
