import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { createRecipe, HAL_FORMS, recipeState, send, templateNames, view } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** Who sees which recipe, which templates they get, and what the server does when they try anyway (API.md §5, §8). */
describe('recipes: visibility, templates and permissions', () => {
  let server: TestServer;
  let cook: TestUser;
  let other: TestUser;
  /** The owner's templates of a draft: their targets, to try them as somebody else. */
  let draftUrl: string;
  let draftTemplates: Record<string, { method: string; target: string }>;

  before(async () => {
    server = await startTestServer();
    cook = await createUser(server);
    other = await createUser(server);
    draftUrl = await createRecipe(cook, { name: 'Secret stew' });
    draftTemplates = (await view(server, draftUrl, cook.accessToken)).body._templates!;
  });
  after(async () => {
    await server?.close();
  });

  const token = (who: TestUser | null) => who?.accessToken ?? null;

  it('offers the owner edit, delete and publish on a draft, and edit-media; nobody else sees the draft', async () => {
    const own = await view(server, draftUrl, cook.accessToken);
    expect(own.status).to.equal(200);
    expect(templateNames(own.body)).to.deep.equal(['delete', 'edit', 'publish']);
    expect(own.body._links['edit-media']!.href).to.match(/\/recipes\/\d+\/cover$/);
    expect(own.body._links.author).to.deep.include({ title: cook.username });
    expect(own.body._links.collection!.href).to.equal('/recipes');
    expect(own.body._links.cover).to.equal(undefined);
    expect(own.headers.get('cache-control')).to.match(/^private/);
    for (const who of [other, null]) expect((await view(server, draftUrl, token(who))).status).to.equal(404);
    expect((await recipeState(cook, draftUrl)).hasAction('unpublish')).to.equal(false);
  });

  it('offers the owner edit, delete and unpublish on a published recipe; others get no template and no edit-media', async () => {
    const url = await createRecipe(cook, { name: 'Open sandwich' });
    await (await recipeState(cook, url)).action('publish').submit({});
    const own = await view(server, url, cook.accessToken);
    expect(templateNames(own.body)).to.deep.equal(['delete', 'edit', 'unpublish']);
    expect(own.body._links['edit-media']).to.not.equal(undefined);
    for (const who of [other, null]) {
      const seen = await view(server, url, token(who));
      expect(seen.status).to.equal(200);
      expect(templateNames(seen.body)).to.deep.equal([]);
      expect(seen.body._links['edit-media']).to.equal(undefined);
      expect(seen.body._links.author!.href).to.equal(own.body._links.author!.href);
    }
    const state = await recipeState(other, url);
    for (const name of ['edit', 'delete', 'publish', 'unpublish']) expect(state.hasAction(name), name).to.equal(false);
    expect((await recipeState(cook, url)).hasAction('publish')).to.equal(false);
  });

  it('answers anonymous writes with 401 and WWW-Authenticate', async () => {
    const createTarget = (await view(server, draftUrl, cook.accessToken)).body._links.collection!.href;
    const attempts = [...Object.values(draftTemplates), { method: 'POST', target: createTarget }];
    for (const { method, target } of attempts) {
      const res = await send(server, method, target, null, method === 'PATCH' || method === 'POST' ? { name: 'x' } : undefined);
      expect(res.status, `${method} ${target}`).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.match(/^Bearer/);
    }
  });

  it('answers another user writing a draft with 404 and writing a published recipe with 403, changing nothing', async () => {
    expect(Object.keys(draftTemplates).sort()).to.deep.equal(['delete', 'edit', 'publish']);
    for (const { method, target } of Object.values(draftTemplates)) {
      expect((await send(server, method, target, other.accessToken, method === 'PATCH' ? { name: 'x' } : undefined)).status,
        `${method} ${target}`).to.equal(404);
    }
    const url = await createRecipe(cook, { name: 'Public pie' });
    const publishTarget = (await view(server, url, cook.accessToken)).body._templates!.publish!.target;
    expect((await send(server, 'PUT', publishTarget, other.accessToken)).status).to.equal(404);
    expect((await send(server, 'PUT', publishTarget, cook.accessToken)).status).to.equal(200);
    const published = (await view(server, url, cook.accessToken)).body._templates!;
    expect(Object.keys(published).sort()).to.deep.equal(['delete', 'edit', 'unpublish']);
    for (const { method, target } of Object.values(published)) {
      const res = await send(server, method, target, other.accessToken, method === 'PATCH' ? { name: 'Hijacked' } : undefined);
      expect(res.status, `${method} ${target}`).to.equal(403);
      expect(res.body.type).to.equal('/problems/forbidden');
    }
    expect((await view(server, url, null)).body).to.include({ name: 'Public pie', is_publish: true });
    expect((await view(server, draftUrl, cook.accessToken)).body).to.include({ name: 'Secret stew', is_publish: false });
  });

  it('caches a published recipe publicly for anonymous callers, privately for everyone else, with validators', async () => {
    const url = await createRecipe(cook, { name: 'Cached cake' });
    await (await recipeState(cook, url)).action('publish').submit({});
    const anonymous = await view(server, url, null);
    expect(anonymous.headers.get('cache-control')).to.equal('public, max-age=60, stale-while-revalidate=0');
    expect(anonymous.headers.get('vary')).to.match(/Accept/).and.to.match(/Authorization/);
    expect(anonymous.headers.get('etag')).to.match(/^"[^"]+"$/);
    expect(new Date(anonymous.headers.get('last-modified')!).getTime()).to.be.at.most(Date.parse(anonymous.body.updated_at));
    expect(anonymous.headers.get('link')).to.match(/^<\/schemas\/recipe-edit>; rel="profile"/);
    const authenticated = await view(server, url, other.accessToken);
    expect(authenticated.headers.get('cache-control')).to.match(/^private/);
    const hal = anonymous.headers.get('etag')!;
    const again = await view(server, url, null, { 'If-None-Match': hal });
    expect(again.status).to.equal(304);
    for (const name of ['etag', 'cache-control', 'vary', 'content-location']) {
      expect(again.headers.get(name), name).to.equal(anonymous.headers.get(name));
    }
    const forms = await view(server, url, null, { Accept: HAL_FORMS });
    expect(forms.headers.get('etag')).to.not.equal(hal);
  });

  it('checks visibility before any 304: another user replaying the owner\'s ETag of a draft gets 404', async () => {
    const own = await view(server, draftUrl, cook.accessToken);
    const etag = own.headers.get('etag')!;
    expect((await view(server, draftUrl, cook.accessToken, { 'If-None-Match': etag })).status).to.equal(304);
    expect((await view(server, draftUrl, other.accessToken, { 'If-None-Match': etag })).status).to.equal(404);
    expect((await view(server, draftUrl, null, { 'If-None-Match': '*' })).status).to.equal(404);
  });
});
