import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { startBehindVarnish, type AppBehindVarnish } from '../support/behind-varnish.ts';
import { anonymousGet, listsOf, namesIn, warm } from '../support/cache-reads.ts';
import { makeImage, putImage } from '../support/images.ts';
import { createRecipe, HAL, HAL_FORMS, publishedRecipe, recipeState } from '../support/recipes.ts';
import type { LoggedRequest } from '../support/varnish.ts';

const escaped = (text: string) => text.replace(/\./g, '\\.');

/**
 * CACHE_PURGE_URL pointing at a real Varnish (API.md §8): with the default CACHE_MAX_AGE (60 s), only
 * the app's PURGE/BAN can explain that the very next anonymous GET after each change shows it.
 */
describe('cache purging through Varnish: every change is visible on the very next anonymous GET', () => {
  let setup: AppBehindVarnish;
  let cook: TestUser;
  let lists: string[];

  const act = async (url: string, action: string, data: Record<string, unknown> = {}) =>
    (await recipeState(cook, url)).action(action).submit(data);
  const editMediaOf = async (url: string) => (await recipeState(cook, url)).links.get('edit-media')!.href;
  const upload = async (editMedia: string, color: string) => {
    const res = await putImage(setup.public, editMedia, cook.accessToken, await makeImage('png', 48, 48, color), 'image/png');
    expect(res.status).to.equal(200);
    return (await res.json()) as { cover_url?: string; avatar_url?: string };
  };

  before(async () => {
    setup = await startBehindVarnish({ purging: true });
    cook = await createUser(setup.public, { username: `purge.${Date.now() % 100000}` });
    lists = await listsOf(setup.public, cook, await publishedRecipe(cook, { name: 'Anchor loaf', cook_time: 5 }));
  });
  after(async () => {
    await setup?.close();
  });

  it('purges the new recipe and bans both lists (any query) with the public Host, each accepted by Varnish', async () => {
    const earlier = (await setup.varnish.requests()).length;
    const path = new URL(await createRecipe(cook, { name: 'Purged soup' })).pathname;
    const wanted = [
      `BAN /recipes ^/recipes(\\?.*)?$`, `BAN /users/${cook.username}/recipes ^/users/${escaped(cook.username)}/recipes(\\?.*)?$`, `PURGE ${path} -`,
    ];
    const line = (r: LoggedRequest) => `${r.method} ${r.url} ${r.banUrl ?? '-'}`;
    const logged = await setup.varnish.requests((all) => wanted.every((w) => all.slice(earlier).some((r) => line(r) === w)));
    const sent = logged.slice(earlier).filter((r) => r.method === 'PURGE' || r.method === 'BAN');
    expect(sent.map(line).sort()).to.deep.equal(wanted);
    for (const request of sent) expect([request.host, request.status]).to.deep.equal([new URL(setup.public.url).host, 200]);
  });

  it('edit: the item (every representation) and every list, with any query', async () => {
    const url = await publishedRecipe(cook, { name: 'Plain porridge', cook_time: 10 });
    await warm([url], [HAL, HAL_FORMS]); // the HTML page is private (API.md §9): never in the cache
    await warm(lists);
    await act(url, 'edit', { name: 'Golden porridge' });
    expect((await anonymousGet(url)).json()).to.include({ name: 'Golden porridge' });
    expect((await anonymousGet(url, HAL_FORMS)).json()).to.include({ name: 'Golden porridge' });
    for (const list of lists) expect(await namesIn(list), list).to.include('Golden porridge').and.not.include('Plain porridge');
  });

  it('publish and unpublish: the item, its cover and every list', async () => {
    const url = await createRecipe(cook, { name: 'Shy soufflé', cook_time: 30 });
    const cover = (await upload(await editMediaOf(url), '#aa0000')).cover_url!;
    await warm(lists);
    expect((await anonymousGet(url)).status).to.equal(404);
    await act(url, 'publish');
    expect((await anonymousGet(url)).status).to.equal(200);
    for (const list of lists) expect(await namesIn(list), list).to.include('Shy soufflé');
    await warm([url, cover, ...lists]);
    await act(url, 'unpublish');
    expect((await anonymousGet(url)).status).to.equal(404);
    expect((await anonymousGet(cover, null)).status, 'the cover').to.equal(404);
    for (const list of lists) expect(await namesIn(list), list).not.to.include('Shy soufflé');
  });

  it('delete: the item, its cover and every list', async () => {
    const url = await publishedRecipe(cook, { name: 'Doomed dal', cook_time: 25 });
    const cover = (await upload(await editMediaOf(url), '#00aa00')).cover_url!;
    await warm([url, cover, ...lists]);
    await act(url, 'delete');
    expect((await anonymousGet(url)).status).to.equal(404);
    expect((await anonymousGet(cover, null)).status, 'the cover').to.equal(404);
    for (const list of lists) expect(await namesIn(list), list).not.to.include('Doomed dal');
  });

  it('cover upload: the item, the embedded items of every list, and the replaced cover file', async () => {
    const url = await publishedRecipe(cook, { name: 'Covered cobbler', cook_time: 40 });
    const editMedia = await editMediaOf(url);
    const first = (await upload(editMedia, '#0000aa')).cover_url!;
    await warm([url, first, ...lists]);
    const second = (await upload(editMedia, '#aaaa00')).cover_url!;
    expect(second).not.to.equal(first);
    expect((await anonymousGet(url)).json()).to.include({ cover_url: second });
    expect((await anonymousGet(first, null)).status, 'the replaced cover').to.equal(404);
    expect((await anonymousGet(second, null)).status).to.equal(200);
    for (const list of lists) {
      const items = ((await anonymousGet(list)).json() as { _embedded: { item: Array<{ name: string; cover_url: string }> } })._embedded.item;
      expect(items.find((item) => item.name === 'Covered cobbler')?.cover_url, list).to.equal(second);
    }
  });

  it('avatar upload: the user and the replaced avatar file', async () => {
    const me = await (await cook.client.go().follow('me')).get();
    const userUrl = me.links.get('self')!.href;
    const editMedia = me.links.get('edit-media')!.href;
    const first = (await upload(editMedia, '#ff00ff')).avatar_url!;
    await warm([userUrl, first]);
    const second = (await upload(editMedia, '#00ffff')).avatar_url!;
    expect((await anonymousGet(userUrl)).json()).to.include({ avatar_url: second });
    expect((await anonymousGet(first, null)).status, 'the replaced avatar').to.equal(404);
  });
});
