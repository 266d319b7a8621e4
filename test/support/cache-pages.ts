import { expect } from 'chai';
import type { AppBehindVarnish } from './behind-varnish.ts';
import { isHit } from './varnish.ts';

/** A facet a listing page depends on (its query searches, sorts or filters by it). */
export type PageFacet = 'text' | 'cook_time' | 'num_of_servings';

/** A public page a cache may hold, and what it is about (to say which changes may alter it). */
export interface CachedPage {
  name: string;
  url: string;
  accept: string | null;
  kind: 'root' | 'recipe' | 'user' | 'listing' | 'image' | 'static';
  /** A listing: whose (undefined: /recipes); a user page: whose. */
  owner?: string;
  facets?: PageFacet[];
}

/** One answer: what a client got, and whether the cache answered it without asking the origin. */
export interface Seen {
  status: number;
  etag: string | null;
  body: string;
  hit: boolean;
}

async function read(url: string, accept: string | null): Promise<Seen> {
  const res = await fetch(url, { headers: accept ? { Accept: accept } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  const body = type.startsWith('image/') ? bytes.toString('base64') : bytes.toString('utf8');
  return { status: res.status, etag: res.headers.get('etag'), body, hit: isHit(res) };
}

/** The same request sent to the origin itself (not through the cache), anonymously. */
function originUrl(setup: AppBehindVarnish, url: string): string {
  const target = new URL(url);
  return new URL(target.pathname + target.search, setup.app.url).href;
}

/**
 * The cache's view of every page: each one is fetched until the cache answers it itself (stored), and
 * what it serves is returned, per page name.
 */
export async function heldPages(pages: CachedPage[]): Promise<Map<string, Seen>> {
  const held = new Map<string, Seen>();
  for (const page of pages) {
    let seen = await read(page.url, page.accept);
    if (!seen.hit) seen = await read(page.url, page.accept);
    if (!seen.hit) throw new Error(`${page.name} (${page.url}) is not stored by the cache: ${seen.status}`);
    held.set(page.name, seen);
  }
  return held;
}

/**
 * After a change: every page through the cache equals the origin's answer now (status, ETag, body), and
 * the pages the cache fetched again (not hits) are among those `mayChange` allows. Resolves to the names
 * of the fetched ones and of those whose answer changed.
 */
export async function compareWithOrigin(
  setup: AppBehindVarnish, pages: CachedPage[], before: Map<string, Seen>, mayChange: (page: CachedPage, before: Seen) => boolean, change: string,
): Promise<{ fetched: string[]; changed: string[] }> {
  const fetched: string[] = [];
  const changed: string[] = [];
  for (const page of pages) {
    const cached = await read(page.url, page.accept);
    const origin = await read(originUrl(setup, page.url), page.accept);
    const old = before.get(page.name)!;
    expect({ status: cached.status, etag: cached.etag, body: cached.body }, `${change}: ${page.name} through the cache, against the origin`)
      .to.deep.equal({ status: origin.status, etag: origin.etag, body: origin.body });
    if (!cached.hit) fetched.push(page.name);
    if (cached.body !== old.body || cached.etag !== old.etag || cached.status !== old.status) changed.push(page.name);
  }
  const unexpected = pages.filter((page) => fetched.includes(page.name) && !mayChange(page, before.get(page.name)!)).map((page) => page.name);
  expect(unexpected, `${change}: fetched again although nothing it shows may have changed`).to.deep.equal([]);
  return { fetched, changed };
}
