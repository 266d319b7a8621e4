import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestUser } from './accounts.ts';
import { eventually } from './eventually.ts';
import type { TestServer } from './test-server.ts';
import { HAL } from './recipes.ts';
import { isHit, type Varnish } from './varnish.ts';

const run = promisify(execFile);

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

/** An object Varnish fetched, as its shared log records it: the URL and the TTL, grace and keep it decided (TTL records). */
export interface StoredObject { url: string; ttl: number; grace: number; keep: number; cacheable: boolean }

/** The objects Varnish has fetched from the backend so far (varnishlog -d), oldest first, with Varnish's final TTL decision for each. */
export async function storedObjects(varnish: Varnish): Promise<StoredObject[]> {
  const { stdout } = await run('varnishlog', ['-n', varnish.workDir, '-d', '-g', 'raw', '-i', 'BereqURL,TTL']);
  const byFetch = new Map<string, Partial<StoredObject>>();
  for (const line of stdout.split('\n')) {
    const [vxid, tag, , ...rest] = line.trim().split(/\s+/);
    if (!vxid || !tag) continue;
    const object = byFetch.get(vxid) ?? {};
    byFetch.set(vxid, object);
    if (tag === 'BereqURL') object.url = rest[0];
    if (tag === 'TTL') Object.assign(object, { ttl: Number(rest[1]), grace: Number(rest[2]), keep: Number(rest[3]), cacheable: rest.at(-1) === 'cacheable' });
  }
  return [...byFetch.values()].filter((object): object is StoredObject => object.url !== undefined && object.ttl !== undefined);
}

/** Waits for Varnish to drop its copy of `url`: the event is its first anonymous GET that is not a hit. */
export async function untilExpired(url: string): Promise<void> {
  await eventually(async () => !(await anonymousGet(url)).hit, `Varnish to drop its copy of ${url}`);
}
