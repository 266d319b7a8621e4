import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { startBehindVarnish, type AppBehindVarnish } from '../support/behind-varnish.ts';
import { compareWithOrigin, heldPages, type CachedPage, type PageFacet, type Seen } from '../support/cache-pages.ts';
import { makeImage, putImage } from '../support/images.ts';
import { createRecipe, HAL, HAL_FORMS, publishedRecipe, recipeState } from '../support/recipes.ts';

const FIELD_FACETS: Record<string, PageFacet> = {
  name: 'text', description: 'text', ingredients: 'text', directions: 'text', cook_time: 'cook_time', num_of_servings: 'num_of_servings',
};

/**
 * API.md §8 through a real varnishd with the shipped VCL: after each kind of change, every public page
 * the cache holds is compared with what the origin sends now — none stale (status, body, ETag) — and
 * only pages the change may alter were fetched again: a draft's changes none at all, an edit of a
 * published recipe the pages that show it and the searches or sorted and filtered pages of what it
 * changed, a publication both listings whole, an image its own URL.
 */
describe('cache tags through Varnish: after each change, every held page is the origin\'s, and only what may have changed was fetched', () => {
  let setup: AppBehindVarnish;
  let alice: TestUser;
  let bob: TestUser;
  const recipes: Record<string, string> = {};
  let pages: CachedPage[] = [];
  let held: Map<string, Seen>;

  const act = async (user: TestUser, url: string, action: string, data: Record<string, unknown> = {}) =>
    (await recipeState(user, url)).action(action).submit(data);
  const editMedia = async (user: TestUser, url: string) => (await user.client.go(url).refresh()).links.get('edit-media')!.href;
  const upload = async (user: TestUser, href: string, color: string) => {
    const res = await putImage(setup.public, href, user.accessToken, await makeImage('png', 40, 40, color), 'image/png');
    expect(res.status).to.equal(200);
    return (await res.json()) as { cover_url?: string; avatar_url?: string };
  };
  const shows = (seen: Seen, recipe: string) => seen.body.includes(`"${recipes[recipe]}"`);

  /** The pages of the set: listings found by the links' search templates, the way a client finds them. */
  type Query = [suffix: string, variables: Record<string, string | number>, facets: PageFacet[]];
  async function listings(owner: TestUser | undefined, name: string, queries: Query[]): Promise<CachedPage[]> {
    const client = setup.public.client();
    const base = owner
      ? await client.go((await (await owner.client.go().follow('me')).get()).links.get('self')!.href).follow('recipes')
      : await client.go().follow('recipes');
    const found: CachedPage[] = [{ name, url: base.uri, accept: HAL, kind: 'listing', owner: owner?.username, facets: [] }];
    for (const [suffix, variables, facets] of queries) {
      const url = (await base.follow('search', variables)).uri;
      found.push({ name: `${name}?${suffix}`, url, accept: HAL, kind: 'listing', owner: owner?.username, facets });
    }
    return found;
  }

  before(async () => {
    // Each change's keys are purged once more 2 s later (test/deploy/cache-race.test.ts): off here, so that
    // a change's purges are all in before its comparison and none comes in during the next one's.
    setup = await startBehindVarnish({ purging: true, config: { cachePurgeRepeatMs: 0 } });
    alice = await createUser(setup.public);
    bob = await createUser(setup.public);
    recipes.soup = await publishedRecipe(alice, {
      name: 'Tomato soup', description: 'Red', cook_time: 20, num_of_servings: 2, ingredients: 'tomatoes', directions: 'Stir.',
    });
    recipes.pie = await publishedRecipe(alice, { name: 'Apple pie', cook_time: 60, num_of_servings: 8, directions: 'Bake.' });
    recipes.salad = await publishedRecipe(alice, { name: 'Quick salad', cook_time: 5, num_of_servings: 1 });
    recipes.chili = await publishedRecipe(bob, { name: 'Bean chili', cook_time: 45, num_of_servings: 4 });
    recipes.bread = await publishedRecipe(bob, { name: 'Garlic bread', cook_time: 15, num_of_servings: 3 });
    recipes.draft = await createRecipe(alice, { name: 'Secret stew', cook_time: 30 });
    const soupCover = (await upload(alice, await editMedia(alice, recipes.soup), '#aa0000')).cover_url!;
    await upload(alice, await editMedia(alice, recipes.draft), '#00aa00');
    const me = await alice.client.go().follow('me');
    const avatar = (await upload(alice, await editMedia(alice, me.uri), '#0000aa')).avatar_url!;
    const root = setup.public.root;
    pages = [
      { name: 'root', url: root, accept: HAL, kind: 'root' },
      { name: 'root (forms)', url: root, accept: HAL_FORMS, kind: 'root' },
      { name: 'schema', url: new URL('/schemas/recipe-edit', root).href, accept: 'application/schema+json', kind: 'static' },
      ...Object.entries(recipes).filter(([key]) => key !== 'draft').map(([key, url]): CachedPage => ({ name: key, url, accept: HAL, kind: 'recipe' })),
      { name: 'soup (forms)', url: recipes.soup!, accept: HAL_FORMS, kind: 'recipe' },
      { name: 'alice', url: (await setup.public.client().go(recipes.soup).follow('author')).uri, accept: HAL, kind: 'user', owner: alice.username },
      { name: 'bob', url: (await setup.public.client().go(recipes.chili).follow('author')).uri, accept: HAL, kind: 'user', owner: bob.username },
      { name: 'soup cover', url: soupCover, accept: null, kind: 'image' },
      { name: 'alice avatar', url: avatar, accept: null, kind: 'image' },
      ...await listings(undefined, 'recipes', [
        ['p1', { per_page: 2 }, []], ['p2', { per_page: 2, page: 2 }, []], ['p3', { per_page: 2, page: 3 }, []],
        ['cook', { sort: 'cook_time', per_page: 2 }, ['cook_time']], ['serves', { sort: 'num_of_servings', order: 'asc' }, ['num_of_servings']],
        ['soup', { q: 'soup' }, ['text']], ['bread', { q: 'bread' }, ['text']],
      ]),
      ...await listings(alice, 'alice list', [
        ['p2', { per_page: 1, page: 2 }, []], ['cook', { sort: 'cook_time' }, ['cook_time']], ['pie', { q: 'pie' }, ['text']],
      ]),
      ...await listings(bob, 'bob list', [['p2', { per_page: 1, page: 2 }, []]]),
    ];
    pages.push({ ...pages.find((page) => page.name === 'recipes')!, name: 'recipes (forms)', accept: HAL_FORMS });
  });
  after(async () => {
    await setup?.close();
  });
  beforeEach(async () => {
    held = await heldPages(pages);
  });

  /** Each change, and the pages it may alter given what they showed before it. */
  const listingOf = (page: CachedPage, owner: TestUser | undefined) => page.kind === 'listing' && page.owner === owner?.username;
  const editOf = (recipe: string, owner: () => TestUser, field: string) => (page: CachedPage, before: Seen) =>
    shows(before, recipe) || ((listingOf(page, undefined) || listingOf(page, owner())) && page.facets!.includes(FIELD_FACETS[field]!));
  const listedOf = (recipe: string, owner: () => TestUser, files: string[] = []) => (page: CachedPage, before: Seen) =>
    shows(before, recipe) || listingOf(page, undefined) || listingOf(page, owner()) || files.includes(page.name);

  it('a draft edited, a draft created, its cover replaced: nothing is fetched again', async () => {
    await act(alice, recipes.draft!, 'edit', { name: 'Secret stew II', cook_time: 35 });
    await createRecipe(alice, { name: 'Another draft', cook_time: 10 });
    await upload(alice, await editMedia(alice, recipes.draft!), '#00aa99');
    const { fetched } = await compareWithOrigin(setup, pages, held, () => false, 'draft changes');
    expect(fetched).to.deep.equal([]);
  });

  for (const [field, value] of Object.entries({
    name: 'Tomato broth', description: 'Redder', ingredients: 'ripe tomatoes', directions: 'Stir slowly.', cook_time: 50, num_of_servings: 6,
  })) {
    const which = FIELD_FACETS[field] === 'text' ? 'search' : `sort or filter by ${field}`;
    it(`a published recipe's ${field} edited: its pages, and only the listings that ${which}`, async () => {
      await act(alice, recipes.soup!, 'edit', { [field]: value });
      const { fetched, changed } = await compareWithOrigin(setup, pages, held, editOf('soup', () => alice, field), `edit of ${field}`);
      expect(changed, 'the recipe shows it').to.include.members(['soup', 'soup (forms)', 'recipes']);
      expect(fetched).not.to.include.members(['recipes?p2', 'alice list?p2', 'bob list', 'chili', 'alice', 'root', 'schema', 'soup cover']);
    });
  }

  it('another user\'s recipe edited: alice\'s list keeps its ETag and stays cached', async () => {
    await act(bob, recipes.chili!, 'edit', { directions: 'Simmer.' });
    const { fetched } = await compareWithOrigin(setup, pages, held, editOf('chili', () => bob, 'directions'), 'edit by bob');
    expect(fetched).to.include('chili').and.not.include.members(['alice list', 'alice list?cook', 'alice list?p2']);
  });

  it('a draft published: both listings (every page), nothing else', async () => {
    await act(alice, recipes.draft!, 'publish');
    await compareWithOrigin(setup, pages, held, listedOf('draft', () => alice), 'publish');
    pages.push({ name: 'draft', url: recipes.draft!, accept: HAL, kind: 'recipe' });
  });

  it('a recipe unpublished: both listings, its pages and its cover', async () => {
    await act(alice, recipes.soup!, 'unpublish');
    const { changed } = await compareWithOrigin(setup, pages, held, listedOf('soup', () => alice, ['soup cover']), 'unpublish');
    expect(changed).to.include.members(['soup', 'soup cover', 'recipes']);
    pages = pages.filter((page) => !page.name.startsWith('soup'));
  });

  it('a recipe deleted: both listings and its pages', async () => {
    await act(bob, recipes.bread!, 'delete');
    const { changed } = await compareWithOrigin(setup, pages, held, listedOf('bread', () => bob), 'delete');
    expect(changed).to.include.members(['bread', 'recipes?bread', 'bob list']);
    pages = pages.filter((page) => page.name !== 'bread');
  });

  it('a published recipe\'s cover set: its pages and the file', async () => {
    const cover = (await upload(alice, await editMedia(alice, recipes.pie!), '#123456')).cover_url!;
    const { changed } = await compareWithOrigin(setup, pages, held, (page, before) => shows(before, 'pie'), 'cover');
    expect(changed).to.include.members(['pie', 'alice list']);
    pages.push({ name: 'pie cover', url: cover, accept: null, kind: 'image' });
  });

  it('an avatar replaced: the user\'s page and the replaced file, not the pages of their recipes', async () => {
    const me = await alice.client.go().follow('me');
    await upload(alice, await editMedia(alice, me.uri), '#654321');
    const { changed } = await compareWithOrigin(setup, pages, held, (page) => ['alice', 'alice avatar'].includes(page.name), 'avatar');
    expect(changed).to.include.members(['alice', 'alice avatar']);
  });
});
