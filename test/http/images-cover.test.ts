import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { imageInfo, makeImage, putImage, withToken } from '../support/images.ts';
import { IMAGE_STORES, testImageStore, type TestImageStore } from '../support/image-stores.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';
const PUBLIC = 'public, max-age=31536000, immutable';
const PRIVATE = 'private, max-age=31536000, immutable';

interface RecipeBody {
  cover_url: string | null;
  _links: Record<string, { href: string } | undefined>;
}

/** Recipe covers: owner-only edit-media, drafts' covers private, and the collections they invalidate (API.md §5, §7). */
for (const kind of IMAGE_STORES) describe(`images: recipe covers (${kind})`, () => {
  let store: TestImageStore;
  let server: TestServer;
  let cook: TestUser;
  let other: TestUser;

  /** Creates a draft through the collection's `create` template; resolves to its URL. */
  async function createRecipe(user: TestUser, name: string): Promise<string> {
    const collection = await (await user.client.go().follow('recipes')).get();
    const created = await collection.action('create').submit({ name, cook_time: 20 });
    return created.links.get('self')!.href;
  }
  async function view(recipeUrl: string, token: string | null): Promise<{ status: number; body: RecipeBody; etag: string | null }> {
    const res = await server.fetch(recipeUrl, { headers: withToken(token, { Accept: HAL }) });
    return { status: res.status, body: res.status === 200 ? await res.json() : null, etag: res.headers.get('etag') };
  }
  async function act(user: TestUser, recipeUrl: string, action: 'publish' | 'unpublish') {
    await (await user.client.go(recipeUrl).refresh()).action(action).submit({});
  }
  async function editMediaOf(recipeUrl: string): Promise<string> {
    return (await view(recipeUrl, cook.accessToken)).body._links['edit-media']!.href;
  }
  const imageStatus = async (href: string, token: string | null) => {
    const res = await server.fetch(href, { headers: withToken(token) });
    return { status: res.status, cacheControl: res.headers.get('cache-control') };
  };

  before(async () => {
    store = await testImageStore(kind);
    server = await startTestServer({ env: store.env });
    cook = await createUser(server);
    other = await createUser(server);
  });
  after(async () => {
    await server?.close();
    await store?.drop();
  });

  it('offers edit-media to the owner only; a draft with its cover stays invisible to others', async () => {
    const recipe = await createRecipe(cook, 'Tomato soup');
    const own = await view(recipe, cook.accessToken);
    expect(own.body._links['edit-media']!.href).to.equal(`${new URL(recipe, server.root).pathname}/cover`);
    expect(own.body.cover_url).to.equal(null);
    expect(own.body._links.cover).to.equal(undefined);
    const editMedia = own.body._links['edit-media']!.href;

    const res = await putImage(server, editMedia, cook.accessToken, await makeImage('jpeg', 2000, 1000), 'image/jpeg');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-location')).to.equal(recipe);
    const links = res.headers.get('link')!;
    const author = (await res.clone().json())._links.author.href as string;
    expect(links).to.include('</recipes>; rel="invalidates"');
    expect(links).to.include(`<${author}/recipes>; rel="invalidates"`);
    const body: RecipeBody = await res.json();
    expect(body._links.self!.href).to.equal(recipe);
    expect(body.cover_url).to.match(/^\/images\/[0-9a-f]{64}\.webp$/);
    expect(body._links.cover!.href).to.equal(body.cover_url);

    const cover = body.cover_url!;
    expect(await imageStatus(cover, cook.accessToken)).to.deep.equal({ status: 200, cacheControl: PRIVATE });
    expect((await imageStatus(cover, null)).status).to.equal(404);
    expect((await imageStatus(cover, other.accessToken)).status).to.equal(404);
    expect((await view(recipe, other.accessToken)).status).to.equal(404);

    const image = await server.fetch(cover, { headers: withToken(cook.accessToken) });
    expect(image.headers.get('x-content-type-options')).to.equal('nosniff');
    const info = await imageInfo(new Uint8Array(await image.arrayBuffer()));
    expect([info.width, info.height], 'covers are at most 1200 wide').to.deep.equal([1200, 600]);
  });

  it('answers a non-owner on a draft with 404, anonymous with 401', async () => {
    const recipe = await createRecipe(cook, 'Secret stew');
    const editMedia = await editMediaOf(recipe);
    const png = await makeImage('png', 100, 100);
    expect((await putImage(server, editMedia, other.accessToken, png, 'image/png')).status).to.equal(404);
    expect((await server.fetch(editMedia, { method: 'DELETE', headers: withToken(other.accessToken) })).status).to.equal(404);
    const anonymous = await putImage(server, editMedia, null, png, 'image/png');
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers.get('www-authenticate')).to.match(/^Bearer/);
  });

  it('serves a published recipe\'s cover publicly (with or without Authorization), and private again after unpublish', async () => {
    const recipe = await createRecipe(cook, 'Pancakes');
    const editMedia = await editMediaOf(recipe);
    const cover = (await (await putImage(server, editMedia, cook.accessToken, await makeImage('png', 800, 500, '#f1c40f'), 'image/png')).json()).cover_url;
    await act(cook, recipe, 'publish');
    for (const token of [null, other.accessToken, cook.accessToken]) {
      expect(await imageStatus(cover, token)).to.deep.equal({ status: 200, cacheControl: PUBLIC });
    }
    const seen = await view(recipe, other.accessToken);
    expect(seen.body.cover_url).to.equal(cover);
    expect(seen.body._links.cover!.href).to.equal(cover);
    expect(seen.body._links['edit-media']).to.equal(undefined);
    expect((await view(recipe, null)).body._links['edit-media']).to.equal(undefined);

    await act(cook, recipe, 'unpublish');
    expect((await imageStatus(cover, null)).status).to.equal(404);
    expect(await imageStatus(cover, cook.accessToken)).to.deep.equal({ status: 200, cacheControl: PRIVATE });
  });

  it('answers an authenticated non-owner on a published recipe with 403 and changes nothing', async () => {
    const recipe = await createRecipe(cook, 'Lemonade');
    const editMedia = await editMediaOf(recipe);
    await act(cook, recipe, 'publish');
    const before = (await view(recipe, null)).body.cover_url;
    const res = await putImage(server, editMedia, other.accessToken, await makeImage('png', 60, 60), 'image/png');
    expect(res.status).to.equal(403);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect((await server.fetch(editMedia, { method: 'DELETE', headers: withToken(other.accessToken) })).status).to.equal(403);
    expect((await view(recipe, null)).body.cover_url).to.equal(before);
  });

  it('honours If-Match on cover changes (412 for a stale ETag, nothing changed)', async () => {
    const recipe = await createRecipe(cook, 'Bread');
    const editMedia = await editMediaOf(recipe);
    const { etag } = await view(recipe, cook.accessToken);
    const png = await makeImage('png', 200, 100, '#1abc9c');
    const stale = await putImage(server, editMedia, cook.accessToken, png, 'image/png', { 'If-Match': '"not-current"' });
    expect(stale.status).to.equal(412);
    expect((await view(recipe, cook.accessToken)).body.cover_url).to.equal(null);
    const current = await putImage(server, editMedia, cook.accessToken, png, 'image/png', { 'If-Match': etag! });
    expect(current.status).to.equal(200);
    const staleDelete = await server.fetch(editMedia, { method: 'DELETE', headers: withToken(cook.accessToken, { 'If-Match': etag! }) });
    expect(staleDelete.status, 'the ETag changed with the cover').to.equal(412);
  });

  it('removes the cover with DELETE (200, cover_url null); a picture shared by two recipes stays served for the other', async () => {
    const first = await createRecipe(cook, 'Salad');
    const second = await createRecipe(cook, 'Salad again');
    const picture = await makeImage('webp', 640, 480, '#2ecc71');
    const firstCover = (await (await putImage(server, await editMediaOf(first), cook.accessToken, picture, 'image/webp')).json()).cover_url;
    const secondCover = (await (await putImage(server, await editMediaOf(second), cook.accessToken, picture, 'image/webp')).json()).cover_url;
    expect(secondCover).to.equal(firstCover);
    await act(cook, second, 'publish');

    const res = await server.fetch(await editMediaOf(first), { method: 'DELETE', headers: withToken(cook.accessToken, { Accept: HAL }) });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-location')).to.equal(first);
    expect(res.headers.get('link')).to.include('</recipes>; rel="invalidates"');
    const body: RecipeBody = await res.json();
    expect(body.cover_url).to.equal(null);
    expect(body._links.cover).to.equal(undefined);
    expect(body._links['edit-media']).to.not.equal(undefined);
    expect(await imageStatus(secondCover, null)).to.deep.equal({ status: 200, cacheControl: PUBLIC });

    await server.fetch(await editMediaOf(second), { method: 'DELETE', headers: withToken(cook.accessToken) });
    expect((await imageStatus(secondCover, cook.accessToken)).status).to.equal(404);
  });

  it('answers 404 for the cover of a recipe that was deleted', async () => {
    const recipe = await createRecipe(cook, 'Gone soon');
    const editMedia = await editMediaOf(recipe);
    await (await cook.client.go(recipe).refresh()).action('delete').submit({});
    expect((await putImage(server, editMedia, cook.accessToken, await makeImage('png', 10, 10), 'image/png')).status).to.equal(404);
  });
});
