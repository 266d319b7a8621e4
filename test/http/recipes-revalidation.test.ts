import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { createRecipe, HAL, publishedRecipe, recipeState } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('recipes: revalidating collections (ETag, 304)', () => {
  let server: TestServer;
  let alice: TestUser;
  let recipesUrl: string;
  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    alice = await createUser(server);
    await publishedRecipe(alice, { name: 'Lentil soup' });
    recipesUrl = server.url + (await server.client().go().follow('recipes')).uri.replace(/^https?:\/\/[^/]+/, '');
  });
  after(async () => {
    await server?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers: { Accept: HAL, ...headers } });

  it('answers a matching If-None-Match with 304 and the same validators and cache headers', async () => {
    const first = await get(recipesUrl);
    expect(first.status).to.equal(200);
    const etag = first.headers.get('etag')!;
    expect(etag, 'a strong ETag: quoted, no W/').to.match(/^"[A-Za-z0-9_-]{32}"$/);
    const second = await get(recipesUrl, { 'If-None-Match': etag });
    expect(second.status).to.equal(304);
    for (const name of ['etag', 'cache-control', 'vary', 'content-location', 'link']) {
      expect(second.headers.get(name), name).to.equal(first.headers.get(name));
    }
  });

  it('gives HAL and HAL-FORMS, and each caller, their own ETag', async () => {
    const hal = (await get(recipesUrl)).headers.get('etag');
    const forms = (await get(recipesUrl, { Accept: 'application/prs.hal-forms+json' })).headers.get('etag');
    const mine = (await get(recipesUrl, { Authorization: `Bearer ${alice.accessToken}` })).headers.get('etag');
    expect(new Set([hal, forms, mine]).size).to.equal(3);
  });

  it('changes the ETag when published content changes', async () => {
    const before = (await get(recipesUrl)).headers.get('etag')!;
    const url = await publishedRecipe(alice, { name: 'Barley bread' });
    const after = await get(recipesUrl, { 'If-None-Match': before });
    expect(after.status).to.equal(200);
    expect(after.headers.get('etag')).to.not.equal(before);
    // An edit of a published recipe shows in the list too.
    const changed = (await get(recipesUrl)).headers.get('etag')!;
    const recipe = await recipeState(alice, url);
    await recipe.action('edit').submit({ name: 'Barley bread, seeded' });
    expect((await get(recipesUrl, { 'If-None-Match': changed })).status).to.equal(200);
  });

  it('does not change what anybody else sees, ETag included, when a draft is written', async () => {
    const before = (await get(recipesUrl)).headers.get('etag')!;
    const draft = await createRecipe(alice, { name: 'Secret stew' });
    await (await recipeState(alice, draft)).action('edit').submit({ description: 'still secret' });
    expect((await get(recipesUrl, { 'If-None-Match': before })).status).to.equal(304);
    const userList = await (await server.client().go().follow('user', { username: alice.username })).follow('recipes');
    const listUrl = userList.uri;
    const listEtag = (await get(listUrl)).headers.get('etag')!;
    await createRecipe(alice, { name: 'Another secret' });
    expect((await get(listUrl, { 'If-None-Match': listEtag })).status).to.equal(304);
    // The owner's own list of everything does change.
    const allUrl = (await userList.follow('search', { visibility: 'all' })).uri;
    const auth = { Authorization: `Bearer ${alice.accessToken}` };
    const allEtag = (await get(allUrl, auth)).headers.get('etag')!;
    await createRecipe(alice, { name: 'Third secret' });
    expect((await get(allUrl, { ...auth, 'If-None-Match': allEtag })).status).to.equal(200);
  });
});
