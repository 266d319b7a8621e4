import { expect } from 'chai';
import type { State } from 'ketting';
import { createCachePurger } from '../src/http/cache-purge.ts';
import { createUser, newCredentials, type TestUser } from './support/accounts.ts';
import { FakeCache, freePort, memoryLogger } from './support/fake-cache.ts';
import { makeImage, putImage } from './support/images.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const pathOf = (state: State) => new URL(state.links.get('self')!.href).pathname;
const escaped = (text: string) => text.replace(/\./g, '\\.');

describe('cache purging (API.md §8, CACHE_PURGE_URL)', () => {
  const cache = new FakeCache();
  let server: TestServer;
  let publicHost: string;
  let user: TestUser;
  let recipe: State;

  before(async () => {
    const port = await freePort();
    publicHost = `127.0.0.1:${port}`;
    server = await startTestServer({ env: { PORT: String(port), PUBLIC_BASE_URL: `http://${publicHost}`, CACHE_PURGE_URL: await cache.start() } });
    user = await createUser(server, { username: `cook.${newCredentials().username.slice(-4)}` });
  });
  after(async () => {
    await server?.close();
    await cache.stop().catch(() => {});
  });

  it('purges the new recipe and bans both lists, with the public Host, before answering the create', async () => {
    cache.seen = [];
    cache.delayMs = 300;
    const recipes = await (await user.client.go().follow('recipes')).get();
    const created = await recipes.action('create').submit({ name: 'Purged soup' });
    const answeredAt = Date.now();
    const path = pathOf(created);
    expect(cache.requests()).to.deep.equal([
      `BAN /recipes ^/recipes(\\?.*)?$`,
      `BAN /users/${user.username}/recipes ^/users/${escaped(user.username)}/recipes(\\?.*)?$`,
      `PURGE ${path}`,
    ]);
    for (const seen of cache.seen) {
      expect(seen.host).to.equal(publicHost);
      expect(seen.answeredAt, `${seen.method} ${seen.url} answered before the response`).to.be.at.most(answeredAt);
    }
    recipe = await user.client.go(created.links.get('self')!.href).get();
  });

  it('purges the cover file too when a recipe with a cover is unpublished', async () => {
    cache.delayMs = 0;
    const upload = await putImage(server, recipe.links.get('edit-media')!.href, user.accessToken, await makeImage('png', 64, 64), 'image/png');
    expect(upload.status).to.equal(200);
    const published = await (await user.client.go(recipe.links.get('self')!.href).refresh()).action('publish').submit({});
    const cover = new URL(published.links.get('cover')!.href).pathname;
    const unpublish = published.action('unpublish');
    cache.seen = [];
    const unpublished = await unpublish.submit({});
    expect(unpublished.data).to.include({ is_publish: false });
    expect(cache.requests()).to.deep.equal([
      `BAN /recipes ^/recipes(\\?.*)?$`,
      `BAN /users/${user.username}/recipes ^/users/${escaped(user.username)}/recipes(\\?.*)?$`,
      `PURGE ${cover}`,
      `PURGE ${pathOf(recipe)}`,
      `PURGE ${new URL(unpublish.uri).pathname}`,
    ]);
    recipe = await user.client.go(recipe.links.get('self')!.href).refresh();
  });

  it('still answers a change when the cache never answers (after the 2 s timeout)', async () => {
    cache.seen = [];
    cache.mode = 'hang';
    const started = Date.now();
    const edited = await recipe.action('edit').submit({ name: 'Slow soup' });
    expect(edited.data).to.include({ name: 'Slow soup' });
    expect(Date.now() - started).to.be.at.least(1900);
    expect(cache.requests()).to.include(`PURGE ${pathOf(recipe)}`);
  });

  it('still answers a change when the cache refuses connections', async () => {
    await cache.stop();
    const published = await recipe.action('publish').submit({});
    expect(published.data).to.include({ is_publish: true });
  });
});

describe('CachePurger', () => {
  const cache = new FakeCache();
  let cacheUrl: string;
  before(async () => {
    cacheUrl = await cache.start();
  });
  after(() => cache.stop());
  beforeEach(() => {
    cache.seen = [];
    cache.mode = 'answer';
    cache.status = 200;
  });

  it('does nothing at all without CACHE_PURGE_URL', () => {
    expect(createCachePurger({ cachePurgeUrl: undefined, publicBaseUrl: 'http://api.example' }, memoryLogger().logger)).to.equal(null);
  });

  it('sends PURGE and BAN for paths and public URLs with the Host of PUBLIC_BASE_URL; ignores other origins', async () => {
    const purger = createCachePurger({ cachePurgeUrl: cacheUrl, publicBaseUrl: 'http://api.example' }, memoryLogger().logger)!;
    await purger.invalidate({
      purge: ['/recipes/7', 'http://api.example/recipes/7', 'http://api.example/images/a.b.webp', 'http://elsewhere.example/x', '/users/a.b/recipes?page=2'],
      ban: ['http://api.example/users/a.b/recipes'],
    });
    expect(cache.requests()).to.deep.equal([
      'BAN /users/a.b/recipes ^/users/a\\.b/recipes(\\?.*)?$', 'PURGE /images/a.b.webp', 'PURGE /recipes/7',
    ]);
    expect(cache.seen.map((s) => s.host)).to.deep.equal(['api.example', 'api.example', 'api.example']);
  });

  it('logs a cache that does not answer in time, a refused connection and an error status, and never throws', async () => {
    const { lines, logger } = memoryLogger();
    cache.mode = 'hang';
    await createCachePurger({ cachePurgeUrl: cacheUrl, publicBaseUrl: undefined, timeoutMs: 200 }, logger)!.purge(['/recipes/1']);
    expect(lines[0]).to.include({ method: 'PURGE', path: '/recipes/1', error: 'no answer within 200 ms' });
    cache.mode = 'answer';
    cache.status = 405;
    await createCachePurger({ cachePurgeUrl: cacheUrl, publicBaseUrl: undefined }, logger)!.ban(['/recipes']);
    expect(lines[1]).to.include({ method: 'BAN', path: '/recipes', status: 405 });
    const closed = `http://127.0.0.1:${await freePort()}`;
    await createCachePurger({ cachePurgeUrl: closed, publicBaseUrl: undefined }, logger)!.purge(['/recipes/1']);
    expect(lines[2]).to.include({ method: 'PURGE', path: '/recipes/1' });
    expect(String(lines[2]!.error)).to.match(/ECONNREFUSED/);
    expect(lines.map((l) => l.msg)).to.deep.equal(['cache purge failed', 'cache purge failed', 'cache purge failed']);
  });
});
