import type { HalFormsTemplate, HalLink } from 'hal-types';
import { recipeCreateSchema } from '../schemas/recipe.schema.ts';
import { jsonTemplate } from './hal-forms.ts';
import { RecipeResource, type RecipeView } from './recipe.resource.ts';
import { Resource, type Links, type RenderContext, type Visibility } from './resource.ts';
import type { Query } from './uris.ts';

/** The query parameters a collection's links keep (as the client sent them; `page` is set per link). */
export interface KeptQuery {
  q?: string;
  sort?: string;
  order?: string;
  per_page?: number;
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
  /** The recipes' change counter when the page was read: makes the ETag without rendering. */
  revision?: number;
}

/** Bump when the rendering of collections changes, so that revision-based ETags change with it. */
const RENDERING = 2;

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
    const { q, sort, order, per_page, visibility } = this.view.query;
    // The order of the search template's variables, so expanded templates give the same URIs.
    const query: Query = { q, sort, order, page: page === 1 ? undefined : page, per_page };
    const { owner } = this.view;
    return owner ? this.uris.userRecipes(owner.username, { ...query, visibility }) : this.uris.recipes(query);
  }

  get self(): string {
    return this.pageUri(this.view.page);
  }

  get profile(): string {
    return recipeCreateSchema.$id;
  }

  /** Same revision, same caller, same URI: same body. */
  override etagSeed(): string | undefined {
    const { revision } = this.view;
    return revision === undefined ? undefined : `${RENDERING}|${revision}|${this.ctx.caller?.id ?? '-'}|${this.self}`;
  }

  /** Private as soon as it shows a draft (only ever to the owner). */
  override visibility(): Visibility {
    return this.view.items.every((item) => item.isPublish) ? 'public' : 'private';
  }

  /** Who may create here: anyone authenticated on `/recipes`; on a user's list, that user. */
  private get offersCreate(): boolean {
    const { caller } = this.ctx;
    return caller !== null && (this.view.owner === undefined || this.view.owner.id === caller.id);
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
    const { page } = this.view;
    const { pages, uris } = this;
    const { owner } = this.view;
    const link = (n: number, title: string): HalLink => ({ href: this.pageUri(n), title });
    return {
      first: link(1, 'First page'),
      ...(page > 1 && { prev: link(Math.min(page - 1, pages), 'Previous page') }),
      ...(page < pages && { next: link(page + 1, 'Next page') }),
      last: link(pages, 'Last page'),
      search: {
        href: owner ? uris.userRecipesSearchTemplate(owner.username) : uris.recipesSearchTemplate(),
        templated: true,
        title: 'Search, sort and page',
      },
    };
  }

  protected override embedded(): Record<string, Resource[]> {
    return { item: this.view.items.map((item) => new RecipeResource(this.ctx, item)) };
  }

  protected override templates(): Record<string, HalFormsTemplate> {
    if (!this.offersCreate) return {};
    return { create: jsonTemplate('POST', this.uris.recipes(), 'Write a new recipe (a draft)', recipeCreateSchema) };
  }
}
