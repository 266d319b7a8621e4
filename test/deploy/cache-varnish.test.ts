import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { startBehindVarnish, type AppBehindVarnish } from '../support/behind-varnish.ts';
import { makeImage, putImage, withToken } from '../support/images.ts';
import { createRecipe, HAL, HAL_FORMS, publishedRecipe, recipeState } from '../support/recipes.ts';
import { isHit } from '../support/varnish.ts';

/** What a real Varnish with the shipped VCL stores and serves in front of the real app (API.md §1, §8). */
describe('caching through Varnish (deploy/varnish/smilecook.vcl)', () => {
  let setup: AppBehindVarnish;
  let cook: TestUser;
  let other: TestUser;
  let recipeUrl: string;
  let recipesUrl: string;
  let cookUrl: string;
  let otherUrl: string;

  /** A GET through Varnish: status, headers, body text, and whether the cache answered. */
  const get = async (url: string, headers: Record<string, string> = { Accept: HAL }) => {
    const res = await fetch(url, { headers });
    return { res, status: res.status, body: await res.text(), hit: isHit(res) };
  };
  /** The cached object (its fetch's transaction id) that serves these headers: X-Varnish's second id on a hit. */
  const objectFor = async (url: string, headers: Record<string, string>) => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const { res } = await get(url, headers);
      const ids = res.headers.get('x-varnish')!.split(' ');
      if (ids.length === 2) return { object: ids[1], type: res.headers.get('content-type')!.split(';')[0] };
    }
    throw new Error(`${url} with ${JSON.stringify(headers)} was not stored`);
  };

  before(async () => {
    setup = await startBehindVarnish({ purging: true });
    cook = await createUser(setup.public);
    other = await createUser(setup.public);
    recipeUrl = await publishedRecipe(cook, { name: 'Cached carrot cake', cook_time: 50 });
    recipesUrl = (await recipeState(cook, recipeUrl)).links.get('collection')!.href;
    cookUrl = (await recipeState(cook, recipeUrl)).links.get('author')!.href;
    otherUrl = (await (await other.client.go().follow('me')).get()).links.get('self')!.href;
  });
  after(async () => {
    await setup?.close();
  });

  it('serves a second anonymous GET from the cache: two ids in X-Varnish, no Age (purged: as fresh as the origin), a hit in varnishstat', async () => {
    const before = await setup.varnish.counters();
    const first = await get(recipeUrl);
    const second = await get(recipeUrl);
    expect(first.status).to.equal(200);
    expect(first.res.headers.get('cache-control')).to.match(/^public, max-age=\d+/);
    expect([first.hit, second.hit]).to.deep.equal([false, true]);
    expect(second.res.headers.get('age'), 'an Age would make a browser count the cache\'s day against max-age').to.equal(null);
    for (const name of ['xkey', 'cdn-cache-control', 'x-url']) expect(second.res.headers.get(name), name).to.equal(null);
    expect(second.body).to.equal(first.body);
    expect(second.res.headers.get('etag')).to.equal(first.res.headers.get('etag'));
    const after = await setup.varnish.counters();
    expect(after['MAIN.cache_hit']! - before['MAIN.cache_hit']!).to.equal(1);
    expect(after['MAIN.cache_miss']! - before['MAIN.cache_miss']!).to.equal(1);
  });

  it('normalizes Accept: clients of one representation share one object; wildcards and application/json get HAL; HTML is not stored', async () => {
    const root = setup.public.root;
    const hal = await objectFor(root, { Accept: HAL });
    expect(hal.type).to.equal(HAL);
    for (const accept of ['*/*', '', 'application/json', 'application/*;q=0.5, text/plain', `${HAL}, text/html;q=0.9`]) {
      expect(await objectFor(root, accept ? { Accept: accept } : {}), `Accept: ${accept}`).to.deep.equal(hal);
    }
    const forms = await objectFor(root, { Accept: `${HAL_FORMS}, ${HAL};q=0.5` });
    expect(forms.type).to.equal(HAL_FORMS);
    const ketting = 'application/prs.hal-forms+json;q=1.0, application/hal+json;q=0.9, application/json;q=0.7, text/html;q=0.6';
    expect(await objectFor(root, { Accept: ketting })).to.deep.equal(forms);
    expect(hal.object).not.to.equal(forms.object);
    // A browser's navigation gets the explorer page, private (API.md §9): never one of the cache's variants.
    for (const accept of ['text/html', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8']) {
      for (let i = 0; i < 2; i += 1) {
        const res = await fetch(root, { headers: { Accept: accept } });
        expect([res.headers.get('content-type')?.split(';')[0], res.headers.get('cache-control')], accept).to.deep.equal(['text/html', 'private']);
      }
    }
  });

  it('never answers a request with Authorization from the cache, and never stores its response', async () => {
    const anonymous = await objectFor(recipesUrl, { Accept: HAL });
    const passesBefore = (await setup.varnish.counters())['MAIN.s_pass']!;
    const own = await get(recipesUrl, withToken(cook.accessToken, { Accept: HAL }));
    expect(own.hit).to.equal(false);
    expect(own.res.headers.get('cache-control')).to.match(/^private/);
    expect(JSON.parse(own.body)._templates).to.have.property('create');
    expect(await objectFor(recipesUrl, { Accept: HAL }), 'the anonymous object is still the one served').to.deep.equal(anonymous);
    expect(JSON.parse((await get(cookUrl, withToken(cook.accessToken, { Accept: HAL }))).body)).to.have.property('email', cook.email);
    const stranger = await get(cookUrl);
    expect(stranger.hit, 'the owner\'s response was not stored').to.equal(false);
    expect(JSON.parse(stranger.body)).not.to.have.property('email');
    expect((await setup.varnish.counters())['MAIN.s_pass']! - passesBefore).to.equal(2);
  });

  it('never shows a draft, its cover or an email to anyone else, whoever fetched them first', async () => {
    const draft = await createRecipe(cook, { name: 'Secret stew' });
    const editMedia = (await recipeState(cook, draft)).links.get('edit-media')!.href;
    const upload = await putImage(setup.public, editMedia, cook.accessToken, await makeImage('png', 40, 40), 'image/png');
    const cover = (await upload.json()).cover_url as string;
    for (const url of [draft, cover]) {
      for (let i = 0; i < 2; i += 1) expect((await get(url, withToken(cook.accessToken, { Accept: HAL }))).status).to.equal(200);
      for (const headers of [{ Accept: HAL }, withToken(other.accessToken, { Accept: HAL }), {}]) {
        const seen = await get(url, headers);
        expect(seen.status, url).to.equal(404);
        expect(seen.body).not.to.include('Secret stew');
      }
    }
    const ownList = await (await cook.client.go(cookUrl).follow('recipes')).get();
    const all = (await ownList.follow('search', { visibility: 'all' })).uri;
    expect((await get(all, withToken(cook.accessToken, { Accept: HAL }))).body).to.include('Secret stew');
    for (const headers of [{ Accept: HAL }, { Accept: HAL }, withToken(other.accessToken, { Accept: HAL })]) {
      const seen = await get(all, headers);
      expect(seen.status).to.equal(200);
      expect(seen.body).to.include('Cached carrot cake').and.not.to.include('Secret stew');
      expect(seen.body).not.to.include(cook.email);
    }
  });

  it('never lets X-Forwarded-Host, X-Forwarded-Proto or Forwarded into a cached body', async () => {
    const forged = {
      Accept: HAL, 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'gopher', Forwarded: 'host=evil.example;proto=gopher',
    };
    const first = await get(otherUrl, forged);
    expect([first.status, first.hit]).to.deep.equal([200, false]);
    const again = await get(otherUrl);
    expect(again.hit).to.equal(true);
    for (const seen of [first, again]) expect(seen.body).not.to.match(/evil\.example|gopher/);
    expect(JSON.parse(again.body)._links.self.href.startsWith(setup.public.url)).to.equal(true);
  });

  it('answers If-None-Match itself with a 304 carrying the ETag, without asking the app', async () => {
    const stored = await get(recipeUrl);
    const etag = stored.res.headers.get('etag')!;
    const before = await setup.varnish.counters();
    const revalidated = await fetch(recipeUrl, { headers: { Accept: HAL, 'If-None-Match': etag } });
    expect(revalidated.status).to.equal(304);
    expect(isHit(revalidated)).to.equal(true);
    expect(revalidated.headers.get('etag')).to.equal(etag);
    expect(revalidated.headers.get('cache-control')).to.match(/^public/);
    const other = await fetch(recipeUrl, { headers: { Accept: HAL, 'If-None-Match': '"something-else"' } });
    expect(other.status).to.equal(200);
    expect(isHit(other)).to.equal(true);
    const after = await setup.varnish.counters();
    expect(after['MAIN.backend_req']! - before['MAIN.backend_req']!, 'requests that reached the app').to.equal(0);
  });
});
