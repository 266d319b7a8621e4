import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { startBehindVarnish, type AppBehindVarnish } from '../support/behind-varnish.ts';
import { anonymousGet, listsOf, namesIn, storedObjects, untilExpired, warm } from '../support/cache-reads.ts';
import { makeImage, putImage } from '../support/images.ts';
import { createRecipe, publishedRecipe, recipeState } from '../support/recipes.ts';

const MAX_AGE = 2;
const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

/**
 * Without CACHE_PURGE_URL (API.md §8): nothing is purged, and every change reaches the clients of
 * a real Varnish within CACHE_MAX_AGE — not later (stale-while-revalidate=0: no grace period in
 * which Varnish would still serve the old object).
 *
 * Image files are the exception this cannot cover: content-addressed and `immutable` for a year,
 * the cover of a recipe unpublished or deleted stays in the cache without purging.
 */
describe(`caching through Varnish without purging: changes visible within CACHE_MAX_AGE=${MAX_AGE}`, () => {
  let setup: AppBehindVarnish;
  let cook: TestUser;

  const act = async (url: string, action: string, data: Record<string, unknown> = {}) =>
    (await recipeState(cook, url)).action(action).submit(data);

  before(async () => {
    setup = await startBehindVarnish({ purging: false, env: { CACHE_MAX_AGE: String(MAX_AGE) } });
    cook = await createUser(setup.public);
  });
  after(async () => {
    await setup?.close();
  });

  it('shows an edit, a publish, an unpublish, a delete, a cover and an avatar on the first GET once CACHE_MAX_AGE has passed', async () => {
    const edited = await publishedRecipe(cook, { name: 'Old name pie', cook_time: 10 });
    const draft = await createRecipe(cook, { name: 'Fresh flan', cook_time: 20 });
    const hidden = await publishedRecipe(cook, { name: 'Hidden hash', cook_time: 30 });
    const deleted = await publishedRecipe(cook, { name: 'Deleted dumpling', cook_time: 40 });
    const covered = await publishedRecipe(cook, { name: 'Covered crumble', cook_time: 50 });
    const me = await (await cook.client.go().follow('me')).get();
    const userUrl = me.links.get('self')!.href;
    const lists = await listsOf(setup.public, cook, edited);
    // A canary, stored after every other object: once Varnish has dropped it, it has dropped them all (same TTL, stored earlier).
    const canary = `${setup.public.url}/recipes?per_page=3`;
    const cached = [edited, hidden, deleted, covered, userUrl, ...lists];
    await warm([...cached, canary]);
    const before = await setup.varnish.counters();
    const earlier = (await setup.varnish.requests()).length;

    await act(edited, 'edit', { name: 'New name pie' });
    await act(draft, 'publish');
    await act(hidden, 'unpublish');
    await act(deleted, 'delete');
    const png = await makeImage('png', 32, 32);
    const editMedia = (await recipeState(cook, covered)).links.get('edit-media')!.href;
    const cover = (await (await putImage(setup.public, editMedia, cook.accessToken, png, 'image/png')).json()).cover_url as string;
    const avatar = (await (await putImage(setup.public, me.links.get('edit-media')!.href, cook.accessToken, png, 'image/png')).json()).avatar_url as string;

    const after = await setup.varnish.counters();
    expect([after['MAIN.n_purges'], after['MAIN.bans']], 'no PURGE, no BAN').to.deep.equal([before['MAIN.n_purges'], before['MAIN.bans']]);
    const sent = (await setup.varnish.requests()).slice(earlier).filter((r) => r.method === 'PURGE' || r.method === 'BAN');
    expect(sent).to.deep.equal([]);

    // Varnish stored each for CACHE_MAX_AGE and no longer (no grace, no keep: stale-while-revalidate=0), as its log says;
    // then the event itself, not a sleep: its copy of the canary, stored last, is gone.
    const stored = (await storedObjects(setup.varnish)).filter((object) => [...cached, canary].map(pathOf).includes(object.url));
    expect(new Set(stored.map((object) => object.url)), 'every cached URL was stored').to.deep.equal(new Set([...cached, canary].map(pathOf)));
    expect(stored.filter((object) => !(object.cacheable && object.ttl === MAX_AGE && object.grace === 0 && object.keep === 0))).to.deep.equal([]);
    await untilExpired(canary);
    expect((await anonymousGet(edited)).json()).to.include({ name: 'New name pie' });
    expect((await anonymousGet(draft)).status).to.equal(200);
    expect((await anonymousGet(hidden)).status).to.equal(404);
    expect((await anonymousGet(deleted)).status).to.equal(404);
    expect((await anonymousGet(covered)).json()).to.include({ cover_url: cover });
    expect((await anonymousGet(userUrl)).json()).to.include({ avatar_url: avatar });
    for (const list of lists) {
      const names = await namesIn(list);
      expect(names, list).to.include.members(['New name pie', 'Fresh flan', 'Covered crumble']);
      for (const gone of ['Old name pie', 'Hidden hash', 'Deleted dumpling']) expect(names, list).not.to.include(gone);
    }
  });
});
