import { expect } from 'chai';
import { ownPage } from '../support/account-life.ts';
import { createUser, type TestUser } from '../support/accounts.ts';
import { startBehindVarnish, type AppBehindVarnish } from '../support/behind-varnish.ts';
import { anonymousGet, listsOf, namesIn, warm } from '../support/cache-reads.ts';
import { makeImage, putImage } from '../support/images.ts';
import { HAL, HAL_FORMS, publishedRecipe, recipeState } from '../support/recipes.ts';

/**
 * An account deletion behind a real Varnish (API.md §3, §8; issue 18): with CACHE_MAX_AGE at its default
 * (60 s), only the purges can explain that the very next anonymous GET of every URL of the user and of
 * their recipes — pages, lists, searches, image files — answers as the origin does now.
 */
describe('accounts: a deleted account leaves nothing in the shared cache', () => {
  let setup: AppBehindVarnish;
  let cook: TestUser;
  before(async () => {
    setup = await startBehindVarnish({ purging: true });
    cook = await createUser(setup.public, { username: `gone.${Date.now() % 100000}` });
  });
  after(async () => {
    await setup?.close();
  });

  const upload = async (editMedia: string, color: string) => {
    const res = await putImage(setup.public, editMedia, cook.accessToken, await makeImage('png', 40, 40, color), 'image/png');
    return (await res.json()) as { cover_url?: string; avatar_url?: string };
  };

  it('purges the user, their avatar, every recipe and cover, and every list that showed them', async () => {
    const neighbour = await createUser(setup.public);
    await publishedRecipe(neighbour, { name: 'Staying stew', cook_time: 20 });
    const page = await ownPage(cook);
    const userUrl = page.links.get('self')!.href;
    const avatar = (await upload(page.links.get('edit-media')!.href, '#336699')).avatar_url!;
    const recipes = [await publishedRecipe(cook, { name: 'Vanishing flan', cook_time: 15 })];
    recipes.push(await publishedRecipe(cook, { name: 'Vanishing pie', cook_time: 35 }));
    const cover = (await upload((await recipeState(cook, recipes[0]!)).links.get('edit-media')!.href, '#993366')).cover_url!;
    const lists = await listsOf(setup.public, cook, recipes[0]!);
    await warm([userUrl, ...recipes], [HAL, HAL_FORMS]);
    await warm([avatar, cover], [null]);
    await warm(lists);

    await (await ownPage(cook)).action('delete-account').submit({ password: cook.password });

    for (const url of [userUrl, ...recipes]) {
      for (const accept of [HAL, HAL_FORMS]) expect((await anonymousGet(url, accept)).status, `${url} (${accept})`).to.equal(404);
    }
    for (const file of [avatar, cover]) expect((await anonymousGet(file, null)).status, file).to.equal(404);
    const [everyone, search, own, ownSearch] = lists;
    for (const list of [everyone!, search!]) expect(await namesIn(list), list).to.deep.equal(['Staying stew']);
    for (const list of [own!, ownSearch!]) expect((await anonymousGet(list)).status, list).to.equal(404);
  });
});
