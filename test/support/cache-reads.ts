import type { TestUser } from './accounts.ts';
import type { TestServer } from './test-server.ts';
import { HAL } from './recipes.ts';
import { isHit } from './varnish.ts';

/** An anonymous GET (through whatever URL says: Varnish, in these tests). */
export async function anonymousGet(url: string, accept: string | null = HAL) {
  const res = await fetch(url, { headers: accept ? { Accept: accept } : {} });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, hit: isHit(res), json: () => JSON.parse(text) as Record<string, unknown> };
}

/** GETs each URL anonymously (with each Accept) until the cache serves it: proof that it is stored. */
export async function warm(urls: string[], accepts: Array<string | null> = [HAL]): Promise<void> {
  for (const url of urls) {
    for (const accept of accepts) {
      await anonymousGet(url, accept);
      const again = await anonymousGet(url, accept);
      if (!again.hit) throw new Error(`${url} (Accept: ${accept}) is not served from the cache: ${again.status} ${again.headers.get('cache-control')}`);
    }
  }
}

/** The names of the recipes an anonymous client sees in a collection right now (its first page). */
export async function namesIn(listUrl: string): Promise<string[]> {
  const page = (await anonymousGet(listUrl)).json() as { _embedded: { item: Array<{ name: string }> } };
  return page._embedded.item.map((item) => item.name).sort();
}

/**
 * The lists a recipe of `user` appears in, by links from the public root: `/recipes`, a search of
 * it (a query: purged by BAN, not PURGE), the user's list and a query of that.
 */
export async function listsOf(deployment: TestServer, user: TestUser, recipeUrl: string): Promise<string[]> {
  const client = deployment.client();
  const recipes = await client.go().follow('recipes');
  const search = await client.go().follow('search', { sort: 'cook_time', per_page: 50 });
  const authorUrl = (await user.client.go(recipeUrl).refresh()).links.get('author')!.href;
  const own = await client.go(authorUrl).follow('recipes');
  const ownSearch = await own.follow('search', { order: 'asc' });
  return [recipes.uri, search.uri, own.uri, ownSearch.uri];
}
