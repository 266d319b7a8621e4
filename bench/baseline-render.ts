/**
 * The baseline's representations, written by hand: the same bytes as RecipeResource and
 * RecipeCollectionResource (resources/) render through JSON.stringify(toHal()), built by string
 * concatenation per request. What never changes per request (the `create` template, the schema URIs,
 * helmet's headers) is made once at start; only an item the caller owns calls templateOf() (rare).
 * Links are absolute paths: the bench runs the API without PUBLIC_BASE_URL.
 */
import { templateOf } from '../resources/hal-forms.ts';
import { recipeCollectionAffordances, SEARCH_FORM } from '../resources/recipe-collection.affordances.ts';
import { recipeAffordances } from '../resources/recipe.affordances.ts';
import { recipeCreateSchema, recipeEditSchema } from '../schemas/recipe.schema.ts';
import type { SummaryRow } from './baseline-sql.ts';

export const HAL = 'application/hal+json';
export const HAL_FORMS = 'application/prs.hal-forms+json';

const s = JSON.stringify;
const CREATE = `"create":${s(templateOf(recipeCollectionAffordances.create, '/recipes'))}`;
const SEARCH = `"search":{"href":"/recipes{?q,sort,order,page,per_page,max_cook_time,min_servings}","templated":true,"title":"Search, sort and page"}`;
export const COLLECTION_PROFILE = `</schemas/${encodeURIComponent(recipeCreateSchema.$id)}>; rel="profile"`;
export const ITEM_PROFILE = `</schemas/${encodeURIComponent(recipeEditSchema.$id)}>; rel="profile"`;

/** The templates and edit-media link RecipeResource adds for the recipe's owner. */
function ownerExtras(row: SummaryRow): { links: string; templates: string } {
  const self = `/recipes/${row.id}`;
  const publish = `/recipes/${row.id}/publish`;
  const writable = {
    name: row.name, description: row.description, num_of_servings: row.num_of_servings, cook_time: row.cook_time,
    ingredients: row.ingredients, directions: row.directions,
  };
  const templates = {
    edit: templateOf(recipeAffordances.edit, self, writable),
    delete: templateOf(recipeAffordances.delete, self),
    ...(row.is_publish ? { unpublish: templateOf(recipeAffordances.unpublish, publish) } : { publish: templateOf(recipeAffordances.publish, publish) }),
  };
  return {
    links: `,"edit-media":{"href":"/recipes/${row.id}/cover","title":"Cover image (PUT an image, DELETE to remove)"}`,
    templates: `,"_templates":${s(templates)}`,
  };
}

/** RecipeResource.toHal() of one summary row, as JSON text. */
export function itemJson(row: SummaryRow, callerId: number | null): string {
  const owned = callerId !== null && row.user_id === callerId ? ownerExtras(row) : undefined;
  const image = row.cover === null ? '' : `/images/${encodeURIComponent(row.cover)}`;
  const author = encodeURIComponent(row.username);
  return `{"_links":{"self":{"href":"/recipes/${row.id}"},"author":{"href":"/users/${author}","title":${s(row.username)}},`
    + `"collection":{"href":"/recipes","title":"Published recipes"}`
    + `${image ? `,"cover":{"href":${s(image)},"title":"Cover image"}` : ''}${owned?.links ?? ''}},`
    + `"id":${row.id},"name":${s(row.name)},"description":${s(row.description)},"num_of_servings":${row.num_of_servings},`
    + `"cook_time":${row.cook_time},"ingredients":${s(row.ingredients)},"directions":${s(row.directions)},`
    + `"is_publish":${row.is_publish},"cover_url":${image ? s(image) : 'null'},`
    + `"created_at":"${row.created_at.toISOString()}","updated_at":"${row.updated_at.toISOString()}"${owned?.templates ?? ''}}`;
}

/** The query a collection's links keep, as the client sent it (RecipeCollectionResource KeptQuery). */
export interface Kept {
  q: string; sort?: string; order?: string; perPage?: string; maxCookTime?: string; minServings?: string;
  /** The query as the API parsed it (integers as numbers): the `search` form's values. */
  values: Record<string, unknown>;
}

/** RecipeCollectionResource.pageUri(): uris.recipes({ q, sort, order, page (not for 1), per_page, max_cook_time, min_servings }). */
export function pageUri(kept: Kept, page: number): string {
  const params = new URLSearchParams();
  if (kept.q) params.set('q', kept.q);
  if (kept.sort) params.set('sort', kept.sort);
  if (kept.order) params.set('order', kept.order);
  if (page !== 1) params.set('page', String(page));
  if (kept.perPage) params.set('per_page', kept.perPage);
  if (kept.maxCookTime) params.set('max_cook_time', kept.maxCookTime);
  if (kept.minServings) params.set('min_servings', kept.minServings);
  const text = params.toString();
  return text ? `/recipes?${text}` : '/recipes';
}

export interface PageView { kept: Kept; page: number; perPage: number; total: number; rows: SummaryRow[]; callerId: number | null }

/** RecipeCollectionResource.toHal() as JSON text (the create template for any authenticated caller). */
export function collectionJson(view: PageView): string {
  const { kept, page, perPage, total } = view;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const link = (n: number, title: string) => `{"href":${s(pageUri(kept, n))},"title":"${title}"}`;
  const items = view.rows.map((row) => itemJson(row, view.callerId)).join(',');
  // RecipeCollectionResource.selfTitle() of /recipes.
  const title = kept.q ? `Published recipes matching “${kept.q}”` : 'Published recipes';
  return `{"_links":{"self":{"href":${s(pageUri(kept, page))},"title":${s(title)}},"first":${link(1, 'First page')},`
    + `${page > 1 ? `"prev":${link(Math.min(page - 1, pages), 'Previous page')},` : ''}`
    + `${page < pages ? `"next":${link(page + 1, 'Next page')},` : ''}"last":${link(pages, 'Last page')},${SEARCH}},`
    + `"page":${page},"per_page":${perPage},"total":${total},"pages":${pages},"_embedded":{"item":[${items}]}`
    + `,"_templates":{"search":${s(templateOf(recipeCollectionAffordances.list, '/recipes', kept.values, SEARCH_FORM))}`
    + `${view.callerId === null ? '' : `,${CREATE}`}}}`;
}

/** What helmet (src/app.ts, without CORS_ORIGINS) adds to every answer, in its order. */
export const HELMET = [
  'Content-Security-Policy', 'default-src \'self\';base-uri \'self\';font-src \'self\' https: data:;form-action \'self\';frame-ancestors \'self\';'
  + 'img-src \'self\' data: blob:;object-src \'none\';script-src \'self\';script-src-attr \'none\';style-src \'self\' https: \'unsafe-inline\';'
  + 'connect-src \'self\'',
  'Cross-Origin-Opener-Policy', 'same-origin', 'Cross-Origin-Resource-Policy', 'same-origin', 'Origin-Agent-Cluster', '?1',
  'Referrer-Policy', 'no-referrer', 'Strict-Transport-Security', 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options', 'nosniff', 'X-DNS-Prefetch-Control', 'off', 'X-Download-Options', 'noopen',
  'X-Frame-Options', 'SAMEORIGIN', 'X-Permitted-Cross-Domain-Policies', 'none', 'X-XSS-Protection', '0',
];
