import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { startBehindVarnish, type AppBehindVarnish } from '../support/behind-varnish.ts';
import { anonymousGet, listsOf, namesIn, warm } from '../support/cache-reads.ts';
import { makeImage, putImage } from '../support/images.ts';
import { createRecipe, HAL, HAL_FORMS, publishedRecipe, recipeState } from '../support/recipes.ts';
import type { LoggedRequest } from '../support/varnish.ts';

/**
 * CACHE_PURGE_URL pointing at a real Varnish (API.md §8): with the default CACHE_MAX_AGE (60 s) and
 * CACHE_SHARED_MAX_AGE (a day), only the app's purges can explain that the very next anonymous GET
 * after each change shows it. (What is NOT purged, and every page compared with the origin after each
 * kind of change: test/deploy/cache-tags.test.ts.)
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

  it('purges nothing for a new draft; a publish soft-purges its keys with the public Host, accepted by Varnish', async () => {
    const earlier = (await setup.varnish.requests()).length;
    const url = await createRecipe(cook, { name: 'Purged soup' });
    const purges = (all: LoggedRequest[]) => all.slice(earlier).filter((r) => r.method === 'PURGE' || r.method === 'BAN');
    await act(url, 'publish');
    const logged = await setup.varnish.requests((all) => purges(all).length >= 1);
    const sent = purges(logged).slice(0, 1); // (the same keys are purged once more 2 s later)
    expect(sent.map((r) => [r.method, r.url, r.host, r.status])).to.deep.equal([['PURGE', '/', new URL(setup.public.url).host, 200]]);
    const id = Number(new URL(url).pathname.split('/').pop());
    expect(sent[0]!.keys!.split(' ')).to.include.members([`r${id.toString(36)}`, 'p']);
  });

  it('edit: the item (every stored representation) and every list, with any query', async () => {
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
