import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { startBehindVarnish, type AppBehindVarnish } from '../support/behind-varnish.ts';
import { makeImage, putImage, withToken } from '../support/images.ts';
import { createRecipe, HAL, HAL_FORMS, publishedRecipe, recipeState } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const YEAR = 31536000;

/** The headers a cache reads, as the origin sends them (requests go to the app itself, not through Varnish). */
const headersOf = async (url: string, init: RequestInit = {}) => {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  const get = (name: string) => res.headers.get(name);
  return {
    status: res.status, cacheControl: get('cache-control'), cdn: get('cdn-cache-control'), tags: get('xkey'), etag: get('etag'), vary: get('vary'), get,
  };
};

/**
 * API.md §7, §8, §9: every cacheable answer of an app that purges names what it shows (304 and HEAD
 * too) and the purged cache's lifetime; what a shared cache must not keep says so; images let
 * caches that get no purges drop a cover within CACHE_MAX_AGE.
 */
describe('cache headers of an app that purges a cache (CACHE_PURGE_URL)', () => {
  let setup: AppBehindVarnish;
  let cook: TestUser;
  let recipe: string;
  let cover: string;
  let draftCover: string;
  /** The same URL on the origin itself. */
  const direct = (url: string) => new URL(new URL(url).pathname + new URL(url).search, setup.app.url).href;

  before(async () => {
    setup = await startBehindVarnish({ purging: true });
    cook = await createUser(setup.public);
    recipe = await publishedRecipe(cook, { name: 'Tagged tart', cook_time: 30 });
    const upload = async (url: string, color: string) => {
      const href = (await recipeState(cook, url)).links.get('edit-media')!.href;
      const res = await putImage(setup.public, href, cook.accessToken, await makeImage('png', 40, 40, color), 'image/png');
      return ((await res.json()) as { cover_url: string }).cover_url;
    };
    cover = await upload(recipe, '#112233');
    draftCover = await upload(await createRecipe(cook, { name: 'Hidden hotpot' }), '#332211');
  });
  after(async () => {
    await setup?.close();
  });

  it('a recipe: its tags and CDN-Cache-Control on the 200, the HEAD and the 304, beside the browsers\' Cache-Control', async () => {
    const id = Number(new URL(recipe).pathname.split('/').pop());
    const full = await headersOf(direct(recipe), { headers: { Accept: HAL } });
    expect(full.tags!.split(' ')).to.include(`r${id.toString(36)}`).and.have.length(2);
    expect([full.cacheControl, full.cdn]).to.deep.equal(['public, max-age=60, stale-while-revalidate=0', 'max-age=86400']);
    const head = await headersOf(direct(recipe), { method: 'HEAD', headers: { Accept: HAL } });
    const revalidated = await headersOf(direct(recipe), { headers: { Accept: HAL, 'If-None-Match': full.etag! } });
    expect(revalidated.status).to.equal(304);
    const cacheHeaders = (seen: typeof full) => [seen.tags, seen.cdn, seen.cacheControl, seen.etag];
    for (const other of [head, revalidated]) expect(cacheHeaders(other)).to.deep.equal(cacheHeaders(full));
  });

  it('a listing: the listing, each recipe and author it shows; its 304 (decided before the page is read) names the same', async () => {
    const list = (await setup.public.client().go().follow('recipes')).uri;
    for (const accept of [HAL, HAL_FORMS]) {
      const full = await headersOf(direct(list), { headers: { Accept: accept } });
      expect(full.tags!.split(' ')).to.include.members(['p', `r${Number(new URL(recipe).pathname.split('/').pop()).toString(36)}`]);
      const revalidated = await headersOf(direct(list), { headers: { Accept: accept, 'If-None-Match': full.etag! } });
      expect([revalidated.status, revalidated.tags, revalidated.cdn, revalidated.etag]).to.deep.equal([304, full.tags, full.cdn, full.etag]);
    }
  });

  it('the root and the schemas: an empty tag list (no change alters them) and CDN-Cache-Control', async () => {
    for (const [url, accept] of [[setup.public.root, HAL], [new URL('/schemas/recipe-edit', setup.public.root).href, 'application/schema+json']] as const) {
      const seen = await headersOf(direct(url), { headers: { Accept: accept } });
      expect([seen.status, seen.tags, seen.cdn], url).to.deep.equal([200, '', 'max-age=86400']);
    }
  });

  it('anything with Authorization, a draft, an email: private, no tags, no CDN-Cache-Control', async () => {
    for (const [url, token] of [[recipe, cook.accessToken], [(await cook.client.go().follow('me')).uri, cook.accessToken]] as const) {
      const seen = await headersOf(direct(url), { headers: withToken(token, { Accept: HAL }) });
      expect([seen.cacheControl, seen.tags, seen.cdn], url).to.deep.equal(['private, no-cache', null, null]);
    }
  });

  it('images: a year for browsers, CACHE_MAX_AGE for caches that get no purges, a year for the purged one; a draft\'s cover private', async () => {
    for (const headers of [{}, withToken(cook.accessToken)]) {
      const seen = await headersOf(direct(cover), { headers });
      expect([seen.cacheControl, seen.cdn]).to.deep.equal([`public, max-age=${YEAR}, s-maxage=60, immutable`, `max-age=${YEAR}`]);
      expect(seen.tags).to.match(/^i[0-9a-f]{16}$/);
    }
    const own = await headersOf(direct(draftCover), { headers: withToken(cook.accessToken) });
    expect([own.status, own.cacheControl, own.cdn, own.tags]).to.deep.equal([200, `private, max-age=${YEAR}, immutable`, null, null]);
    expect((await headersOf(direct(draftCover))).status).to.equal(404);
  });

  it('the explorer page a browser\'s navigation gets: private, Vary: Accept (and Accept-Encoding: it is compressed), no tags', async () => {
    for (const url of [setup.public.root, recipe]) {
      const seen = await headersOf(direct(url), { headers: { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
      expect([seen.status, seen.get('content-type')?.split(';')[0], seen.cacheControl, seen.vary, seen.tags, seen.cdn], url)
        .to.deep.equal([200, 'text/html', 'private', 'Accept, Accept-Encoding', null, null]);
    }
  });
});

describe('cache headers: CACHE_TAG_HEADER and CACHE_SHARED_MAX_AGE, and none of it without CACHE_PURGE_URL', () => {
  let servers: TestServer[] = [];
  // One at a time: the embedded database serves one server.
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });

  it('names the tags in the configured header, and the configured shared lifetime', async () => {
    const server = await startTestServer({ env: { CACHE_PURGE_URL: 'http://127.0.0.1:9', CACHE_TAG_HEADER: 'Surrogate-Key', CACHE_SHARED_MAX_AGE: '600' } });
    servers.push(server);
    const seen = await headersOf(server.root, { headers: { Accept: HAL } });
    expect([seen.get('surrogate-key'), seen.tags, seen.cdn]).to.deep.equal(['', null, 'max-age=600']);
  });

  it('without CACHE_PURGE_URL: no tags, no CDN-Cache-Control (an unpurged cache keeps nothing longer than Cache-Control); images keep s-maxage', async () => {
    const server = await startTestServer({ env: { CACHE_MAX_AGE: '5', RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    servers.push(server);
    const cook = await createUser(server);
    const url = await publishedRecipe(cook, { name: 'Untagged udon' });
    const href = (await recipeState(cook, url)).links.get('edit-media')!.href;
    const uploaded = await putImage(server, href, cook.accessToken, await makeImage('png', 32, 32), 'image/png');
    const cover = ((await uploaded.json()) as { cover_url: string }).cover_url;
    for (const target of [server.root, url]) {
      const seen = await headersOf(new URL(target, server.root).href, { headers: { Accept: HAL } });
      expect([seen.tags, seen.cdn, seen.cacheControl]).to.deep.equal([null, null, 'public, max-age=5, stale-while-revalidate=0']);
    }
    const image = await headersOf(new URL(cover, server.root).href);
    expect([image.cacheControl, image.cdn, image.tags]).to.deep.equal([`public, max-age=${YEAR}, s-maxage=5, immutable`, null, null]);
  });
});
