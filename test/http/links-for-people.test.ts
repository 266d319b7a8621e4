import { expect } from 'chai';
import { activationLinkFor, ACCOUNT_TEST_ENV, createUser, newCredentials, postJson, templateTarget, type TestUser } from '../support/accounts.ts';
import { makeImage, putImage } from '../support/images.ts';
import { createRecipe, list, publishedRecipe, view } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** What a person (or a generic client) needs to find their way: drafts, headings, edit-media, activation pages (API.md §4, §7, §9). */
describe('links for people: drafts, titled lists, followable edit-media, activation pages', () => {
  let server: TestServer;
  let cook: TestUser;
  let other: TestUser;
  before(async () => {
    server = await startTestServer({ env: ACCOUNT_TEST_ENV });
    cook = await createUser(server);
    other = await createUser(server);
  });
  after(async () => {
    await server?.close();
  });

  const me = async (user: TestUser) => (await user.client.go().follow('me')).refresh();

  it('gives the user themself a drafts link that lists exactly their drafts; nobody else sees it', async () => {
    await createRecipe(cook, { name: 'Unfinished stew' });
    await publishedRecipe(cook, { name: 'Finished stew' });
    const own = await me(cook);
    expect(own.links.get('drafts')!.title).to.match(/draft/i);
    const drafts = await list(server, new URL(own.links.get('drafts')!.href, server.root).href, cook.accessToken);
    expect(drafts.body._embedded.item.map((item) => [item.name, item.is_publish])).to.deep.equal([['Unfinished stew', false]]);
    expect(drafts.body._links.self!.href).to.equal(own.links.get('drafts')!.href);
    const seenByOther = await other.client.go(own.links.get('self')!.href).refresh();
    expect(seenByOther.links.has('drafts')).to.equal(false);
  });

  it('titles each list by what it holds', async () => {
    const root = await server.client().go().get();
    const published = await list(server, new URL(root.links.get('recipes')!.href, server.root).href, null);
    expect((published.body._links.self as { title?: string }).title).to.equal('Published recipes');
    const search = await list(server, new URL('/recipes?q=stew', server.root).href, null);
    expect((search.body._links.self as { title?: string }).title).to.equal('Published recipes matching “stew”');
    const own = await me(cook);
    const byCook = await list(server, new URL(own.links.get('recipes')!.href, server.root).href, null);
    expect((byCook.body._links.self as { title?: string }).title).to.equal(`Recipes by ${cook.username}`);
    const drafts = await list(server, new URL(own.links.get('drafts')!.href, server.root).href, cook.accessToken);
    expect((drafts.body._links.self as { title?: string }).title).to.equal(`${cook.username}'s drafts`);
    const asOther = await list(server, new URL(own.links.get('drafts')!.href, server.root).href, other.accessToken);
    expect((asOther.body._links.self as { title?: string }).title, 'only the public list for others').to.equal(`Recipes by ${cook.username}`);
  });

  it('answers GET on edit-media with 303 to the current image, 404 when there is none or the recipe is not visible', async () => {
    const draft = await createRecipe(cook, { name: 'Covered draft' });
    const editMedia = (await view(server, draft, cook.accessToken)).body._links['edit-media']!.href;
    const none = await server.fetch(editMedia, { headers: { Accept: HAL, Authorization: `Bearer ${cook.accessToken}` }, redirect: 'manual' });
    expect(none.status).to.equal(404);
    expect(none.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const uploaded = await putImage(server, editMedia, cook.accessToken, await makeImage('png', 120, 80), 'image/png');
    const cover = (await uploaded.json())._links.cover.href as string;
    const followed = await server.fetch(editMedia, { headers: { Authorization: `Bearer ${cook.accessToken}` }, redirect: 'manual' });
    expect(followed.status).to.equal(303);
    expect(followed.headers.get('location')).to.equal(cover);
    expect(followed.headers.get('cache-control'), 'a draft\'s cover, to its owner: private (API.md §8)').to.equal('private, no-cache');
    const stranger = await server.fetch(editMedia, { headers: { Authorization: `Bearer ${other.accessToken}` }, redirect: 'manual' });
    expect(stranger.status, 'a draft\'s cover does not exist for others').to.equal(404);
    const options = await server.fetch(editMedia, { method: 'OPTIONS' });
    expect(options.headers.get('allow')).to.equal('GET, PUT, DELETE, HEAD, OPTIONS');

    const avatarMedia = (await me(cook)).links.get('edit-media')!.href;
    expect((await server.fetch(avatarMedia, { redirect: 'manual' })).status).to.equal(404);
    const avatar = await putImage(server, avatarMedia, cook.accessToken, await makeImage('png', 64, 64), 'image/png');
    const avatarHref = (await avatar.json())._links.avatar.href as string;
    const seeOther = await server.fetch(avatarMedia, { redirect: 'manual' });
    expect(seeOther.status).to.equal(303);
    expect(seeOther.headers.get('location')).to.equal(avatarHref);
    expect(seeOther.headers.get('cache-control'), 'anonymous: any cache may keep it, revalidated').to.equal('no-cache');
  });

  it('shows a browser a page, not problem JSON, for an activation link that is unknown or used', async () => {
    const credentials = newCredentials();
    expect((await postJson(await templateTarget(server, 'register'), credentials)).status).to.equal(202);
    const link = await activationLinkFor(server, credentials.email);
    expect((await fetch(link, { method: 'POST', headers: { Accept: HAL } })).status).to.equal(200);
    for (const [url, status, text] of [[link, 410, /already used/], [`${link}x`, 404, /not one we sent/]] as const) {
      for (const method of ['GET', 'POST']) {
        const page = await fetch(url, { method, headers: { Accept: BROWSER } });
        expect(page.status, `${method} ${status}`).to.equal(status);
        expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');
        expect(page.headers.get('cache-control')).to.equal('no-store');
        const html = await page.text();
        expect(html).to.match(text);
        expect(html).to.match(/Send the activation email again/);
        expect(html).to.include('href="/explorer"');
      }
      const problem = await fetch(url, { headers: { Accept: HAL } });
      expect(problem.headers.get('content-type'), 'other clients still get the problem').to.match(/^application\/problem\+json/);
    }
  });
});
