import type { State } from 'ketting';
import type { TestUser } from './accounts.ts';
import type { TestServer } from './test-server.ts';

export const HAL = 'application/hal+json';
export const HAL_FORMS = 'application/prs.hal-forms+json';

export interface RecipeBody {
  id: number;
  name: string;
  description: string;
  num_of_servings: number | null;
  cook_time: number | null;
  ingredients: string;
  directions: string;
  is_publish: boolean;
  cover_url: string | null;
  created_at: string;
  updated_at: string;
  _links: Record<string, { href: string; title?: string; templated?: boolean } | undefined>;
  _templates?: Record<string, { method: string; target: string; properties: Array<{ name: string; value?: string }> }>;
}

export interface CollectionBody {
  page: number;
  per_page: number;
  total: number;
  pages: number;
  _links: Record<string, { href: string; templated?: boolean } | undefined>;
  _embedded: { item: RecipeBody[] };
  _templates?: Record<string, { method: string; target: string }>;
}

/** The caller's view of `/recipes`, reached from the root by rel (fresh, never from ketting's cache). */
export async function recipesOf(user: TestUser | { client: TestUser['client'] }): Promise<State> {
  return (await user.client.go().follow('recipes')).refresh();
}

/** Creates a draft through the collection's `create` template; resolves to its URL (its `self`). */
export async function createRecipe(user: TestUser, data: Record<string, unknown>): Promise<string> {
  const created = await (await recipesOf(user)).action('create').submit(data);
  return created.links.get('self')!.href;
}

/** A fresh state of a recipe for this user (ketting caches: refresh every time). */
export function recipeState(user: TestUser, url: string): Promise<State> {
  return user.client.go(url).refresh();
}

/** Creates and publishes a recipe by templates; resolves to its URL. */
export async function publishedRecipe(user: TestUser, data: Record<string, unknown>): Promise<string> {
  const url = await createRecipe(user, data);
  await (await recipeState(user, url)).action('publish').submit({});
  return url;
}

const withToken = (token: string | null, headers: Record<string, string> = {}) =>
  (token ? { ...headers, Authorization: `Bearer ${token}` } : headers);

/** A raw JSON request (for status and header assertions) on a URL discovered by links or templates. */
export async function send(
  server: TestServer, method: string, url: string, token: string | null, body?: unknown, headers: Record<string, string> = {},
) {
  const res = await server.fetch(url, {
    method,
    headers: withToken(token, { Accept: HAL, ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers }),
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json: any = text ? JSON.parse(text) : null;
  return { status: res.status, headers: res.headers, body: json };
}

/** GET a recipe as HAL (raw), as this token sees it. */
export async function view(server: TestServer, url: string, token: string | null, headers: Record<string, string> = {}) {
  const res = await send(server, 'GET', url, token, undefined, headers);
  return { ...res, body: res.body as RecipeBody };
}

/** A raw GET of a collection URL. */
export async function list(server: TestServer, url: string, token: string | null) {
  const res = await send(server, 'GET', url, token);
  return { ...res, body: res.body as CollectionBody };
}

/** The templates a representation offers, by name. */
export function templateNames(body: { _templates?: Record<string, unknown> }): string[] {
  return Object.keys(body._templates ?? {}).sort();
}
