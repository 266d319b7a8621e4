/**
 * Cache tags (API.md §8), named in ONE place: what a cacheable response shows (`pageKeys`, sent in the
 * cache-tag header by src/http/representation.ts), and what a change may alter (`changeKeys`, soft-purged
 * by src/http/purge-changes.ts before the change is answered). A page is purged exactly when one of its
 * keys is, so both halves must agree: each key below says which pages carry it and which changes purge it.
 * Keys are short and opaque (ids in base 36): a page of 100 recipes names about 200 of them, < 3 kB.
 */

/** What a listing's membership or order may depend on besides publication and creation time. */
export type Facet = 'text' | 'cook_time' | 'num_of_servings';
const FACETS: readonly Facet[] = ['text', 'cook_time', 'num_of_servings'];
const FACET_CODES: Record<Facet, string> = { text: 'q', cook_time: 'c', num_of_servings: 's' };

/** Which facet each recipe field feeds: text is searched (q, relevance), the others sort and filter. */
const FIELD_FACETS: Record<string, Facet> = {
  name: 'text', description: 'text', ingredients: 'text', directions: 'text', cook_time: 'cook_time', num_of_servings: 'num_of_servings',
};
/** Which facet each listing query parameter depends on (`sort` by its value); these need none. */
const QUERY_FACETS: Record<string, Facet> = { q: 'text', max_cook_time: 'cook_time', min_servings: 'num_of_servings' };
const SORT_FACETS: Record<string, Facet> = { cook_time: 'cook_time', num_of_servings: 'num_of_servings' };
const NEUTRAL_PARAMS = new Set(['sort', 'order', 'page', 'per_page', 'visibility']);

const b36 = (id: number) => id.toString(36);

/** The keys themselves. */
export const cacheKeys = {
  /** A recipe's content: its own page, and every listing page that shows it. */
  recipe: (id: number) => `r${b36(id)}`,
  /** Every page that shows a recipe by this user (the author link): purged with the account. */
  author: (userId: number) => `a${b36(userId)}`,
  /** The user's own page (username, avatar). */
  user: (userId: number) => `u${b36(userId)}`,
  /** One image file (content-addressed: its name's hash). */
  image: (file: string) => `i${file.slice(0, 16)}`,
  /** Every page of a public listing: `/recipes` (no owner), or one user's public recipes. */
  listing: (ownerId?: number) => (ownerId === undefined ? 'p' : `l${b36(ownerId)}`),
  /** The pages of that listing searched, sorted or filtered by a facet: a recipe may enter, leave or move in them. */
  listingBy: (facet: Facet, ownerId?: number) => `${cacheKeys.listing(ownerId)}${FACET_CODES[facet]}`,
};

/** The facets a listing page depends on, from its query; a parameter this file does not know counts for all of them. */
export function facetsOf(query: Record<string, unknown>): Facet[] {
  const facets = new Set<Facet>();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (name === 'sort') {
      if (SORT_FACETS[String(value)]) facets.add(SORT_FACETS[String(value)]!);
    } else if (QUERY_FACETS[name]) facets.add(QUERY_FACETS[name]);
    else if (!NEUTRAL_PARAMS.has(name)) FACETS.forEach((facet) => facets.add(facet));
  }
  return [...facets];
}

/** A recipe as the keys see it. */
export interface KeyedRecipe {
  id: number;
  isPublish: boolean;
  user: { id: number };
}

/** What each kind of page names (the response's cache-tag header). */
export const pageKeys = {
  recipe: (recipe: KeyedRecipe) => [cacheKeys.recipe(recipe.id), cacheKeys.author(recipe.user.id)],
  user: (user: { id: number }) => [cacheKeys.user(user.id)],
  /** A page of `/recipes` (no owner) or of a user's list: the listing, its facets, and every recipe and author it shows. */
  listing: (ownerId: number | undefined, query: Record<string, unknown>, items: readonly KeyedRecipe[]) => unique([
    cacheKeys.listing(ownerId), ...facetsOf(query).map((facet) => cacheKeys.listingBy(facet, ownerId)), ...items.flatMap(pageKeys.recipe),
  ]),
  image: (file: string) => [cacheKeys.image(file)],
};

const imageKeys = (files: ReadonlyArray<string | null | undefined>) => unique(files.filter((f): f is string => Boolean(f)).map(cacheKeys.image));

/**
 * What each kind of change may alter. A draft is seen by nobody but its owner (whose requests are never
 * shared), so changing one purges nothing; the `was`/`now` states are the recipe's before and after.
 */
export const changeKeys = {
  /**
   * An edit of `fields`: the recipe's pages, and the listing pages of the facets those fields feed (a
   * search it may enter or leave, a list sorted or filtered by cook time or servings it may move in).
   * Listing pages without such a query do not show it unless they carry its key. A field this file does
   * not know purges both listings whole.
   */
  recipeEdited(recipe: KeyedRecipe, fields: readonly string[]): string[] {
    if (!recipe.isPublish) return [];
    const owner = recipe.user.id;
    const facets = unique<Facet | 'all'>(fields.map((field) => FIELD_FACETS[field] ?? 'all'));
    if (facets.includes('all')) return unique([cacheKeys.recipe(recipe.id), cacheKeys.listing(), cacheKeys.listing(owner)]);
    return [cacheKeys.recipe(recipe.id), ...(facets as Facet[]).flatMap((facet) => [cacheKeys.listingBy(facet), cacheKeys.listingBy(facet, owner)])];
  },
  /** Publish, unpublish or delete (`wasPublished`: before the change): every page of both listings, the recipe's and its cover's. */
  recipeListed(recipe: KeyedRecipe & { cover?: string | null }, wasPublished: boolean): string[] {
    if (!wasPublished && !recipe.isPublish) return [];
    return [cacheKeys.recipe(recipe.id), cacheKeys.listing(), cacheKeys.listing(recipe.user.id), ...imageKeys([recipe.cover])];
  },
  /** A cover set, replaced or removed: the recipe's pages and both files. */
  cover: (recipe: KeyedRecipe, files: ReadonlyArray<string | null>) => (recipe.isPublish ? [cacheKeys.recipe(recipe.id), ...imageKeys(files)] : []),
  /** An avatar set, replaced or removed: the user's page and both files. */
  avatar: (user: { id: number }, files: ReadonlyArray<string | null>) => [cacheKeys.user(user.id), ...imageKeys(files)],
  /**
   * An account deleted with its recipes: every page of the user, of their list, every page showing one
   * of their recipes, every page of /recipes when some were published (its totals and pages shift), and
   * their image files.
   */
  account: (userId: number, files: ReadonlyArray<string | null> = [], listed = true) => [
    cacheKeys.user(userId), cacheKeys.author(userId), cacheKeys.listing(userId), ...(listed ? [cacheKeys.listing()] : []), ...imageKeys(files),
  ],
};

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
