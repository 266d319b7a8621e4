import { expect } from 'chai';
import type { Ketting, State } from 'ketting';
import { createUser, type TestUser } from '../support/accounts.ts';
import { createRecipe, publishedRecipe, send, type RecipeBody } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const namesOf = (state: State) => state.getEmbedded().map((item) => (item.data as RecipeBody).name);

/**
 * Search as people type it (API.md §6), over HTTP from `/` with the `search` template: words in any order,
 * inflections, accents both ways, one typo, phrases, exclusions, relevance, the filters and their 400s,
 * and drafts never found by anyone but their owner.
 */
describe('recipes: search as people type it', () => {
  let server: TestServer;
  let cook: TestUser;
  let other: TestUser;
  let anyone: Ketting;

  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    cook = await createUser(server);
    other = await createUser(server);
    anyone = server.client();
    // Oldest first: relevance must beat recency where the contract says so, and follow it among equals.
    await publishedRecipe(other, { name: 'Roasted tomatoes', description: 'A side dish' });
    await publishedRecipe(cook, {
      name: 'Carrot Cake', description: 'Moist and spiced', ingredients: 'grated carrots\nflour\nchopped walnuts\nraisins',
      directions: 'Mix everything.\n\nBake for 45 minutes.', cook_time: 60, num_of_servings: 12,
    });
    await publishedRecipe(cook, { name: 'Carrot cake without nuts', ingredients: 'carrots, flour, apples', cook_time: 50, num_of_servings: 8 });
    await publishedRecipe(cook, { name: 'Tomato soup', ingredients: 'ripe tomatoes, one onion, stock', cook_time: 30, num_of_servings: 4 });
    await publishedRecipe(cook, { name: 'Soup of the day', description: 'Whatever the market has', ingredients: 'tomato, leek, potatoes' });
    await publishedRecipe(other, { name: 'Crème brûlée', ingredients: 'cream, sugar, vanilla', cook_time: 40, num_of_servings: 6 });
    await publishedRecipe(other, { name: 'Remoulade sauce', description: 'For fish', ingredients: 'mayonnaise, capers, gherkins' });
    await publishedRecipe(other, { name: 'Chicken curry', ingredients: 'chicken thighs, curry paste, coconut milk', cook_time: 35 });
    await publishedRecipe(other, { name: 'Potato casserole', ingredients: 'potatoes, cheese, cream', cook_time: 90, num_of_servings: 6 });
    await publishedRecipe(cook, { name: 'Pasta with tomato sauce', ingredients: 'pasta, tomatoes', cook_time: 20, num_of_servings: 2 });
    await publishedRecipe(other, { name: 'Pork chops', directions: 'Fry the chops. Serve with the sauce from the pan.', cook_time: 25 });
    await createRecipe(other, { name: 'Secret walnut brownies', ingredients: 'walnuts, chocolate', cook_time: 30, num_of_servings: 9 });
  });
  after(async () => {
    await server?.close();
  });

  // refresh(): ketting's cached copy of a list it got before has no embedded items.
  const search = async (variables: Record<string, string | number>, client = anyone) =>
    (await client.go().follow('search', variables)).refresh();
  const found = async (q: string, more: Record<string, string | number> = {}) => namesOf(await search({ q, ...more }));

  it('finds all the words, in any order, over name, description, ingredients and directions', async () => {
    expect(await found('cake carrot')).to.have.members(['Carrot Cake', 'Carrot cake without nuts']);
    expect(await found('carrot cake')).to.have.members(['Carrot Cake', 'Carrot cake without nuts']);
    expect(await found('raisins carrots')).to.deep.equal(['Carrot Cake']);
    expect(await found('market leek')).to.deep.equal(['Soup of the day']);
    expect(await found('minutes bake')).to.deep.equal(['Carrot Cake']);
    expect(await found('carrot curry'), 'every word must match').to.deep.equal([]);
    expect(await found('xylophone')).to.deep.equal([]);
  });

  it('folds case and English inflections: Tomatoes finds tomato, baked finds bake', async () => {
    expect(await found('Tomatoes soup')).to.have.members(['Tomato soup', 'Soup of the day']);
    expect(await found('TOMATO')).to.have.members(['Tomato soup', 'Soup of the day', 'Pasta with tomato sauce', 'Roasted tomatoes']);
    expect(await found('baked')).to.deep.equal(['Carrot Cake']);
    expect(await found('chicken thigh')).to.deep.equal(['Chicken curry']);
  });

  it('folds accents both ways: creme brulee finds Crème brûlée, Rémoulade finds Remoulade', async () => {
    expect(await found('creme brulee')).to.deep.equal(['Crème brûlée']);
    expect(await found('CRÈME')).to.deep.equal(['Crème brûlée']);
    expect(await found('Rémoulade')).to.deep.equal(['Remoulade sauce']);
  });

  it('still finds a word of 5 letters or more with one typo (a letter missing, extra, wrong or swapped)', async () => {
    expect(await found('chiken curry')).to.deep.equal(['Chicken curry']);
    expect(await found('potato casseroel')).to.deep.equal(['Potato casserole']);
    expect(await found('mayonaise')).to.deep.equal(['Remoulade sauce']);
    expect(await found('coconutt')).to.deep.equal(['Chicken curry']);
    expect(await found('gherkns')).to.deep.equal(['Remoulade sauce']);
    expect(await found('cury'), 'a word shorter than 5 letters is taken as typed').to.deep.equal([]);
    expect(await found('chikn'), 'two edits away is another word').to.deep.equal([]);
  });

  it('keeps "a phrase" together and leaves out -words and -"phrases"', async () => {
    expect(await found('"tomato soup"')).to.deep.equal(['Tomato soup']);
    expect(await found('tomato soup')).to.have.members(['Tomato soup', 'Soup of the day']);
    expect(await found('"tomato soup')).to.deep.equal(['Tomato soup']);
    expect(await found('carrot cake -walnuts')).to.deep.equal(['Carrot cake without nuts']);
    expect(await found('carrot -"chopped walnuts"')).to.deep.equal(['Carrot cake without nuts']);
    expect(await found('soup -')).to.have.members(['Tomato soup', 'Soup of the day']);
    const withoutTomato = await search({ q: '-tomato -tomatoes -cake' });
    expect(namesOf(withoutTomato), 'exclusions only: every recipe without them')
      .to.have.members(['Crème brûlée', 'Remoulade sauce', 'Chicken curry', 'Potato casserole', 'Pork chops']);
    expect(await found('cake or soup'), '`or` is no operator: every word must match').to.deep.equal([]);
  });

  it('ranks a name match above a match elsewhere, the newer first among equals; relevance is the default with q', async () => {
    expect(await found('sauce'), 'the pork chops are newer, their sauce is only in the directions')
      .to.deep.equal(['Pasta with tomato sauce', 'Remoulade sauce', 'Pork chops']);
    expect(await found('tomato'), 'in the name, newest first; then elsewhere')
      .to.deep.equal(['Pasta with tomato sauce', 'Tomato soup', 'Roasted tomatoes', 'Soup of the day']);
    expect(await found('Tomatoes'), 'the name with the word as typed first, then the inflected ones, newest first')
      .to.deep.equal(['Roasted tomatoes', 'Pasta with tomato sauce', 'Tomato soup', 'Soup of the day']);
    expect(await found('carrot cake')).to.deep.equal(['Carrot cake without nuts', 'Carrot Cake']);
    expect(await found('tomato', { sort: 'relevance', order: 'asc' }), 'order does not apply to relevance')
      .to.deep.equal(['Pasta with tomato sauce', 'Tomato soup', 'Roasted tomatoes', 'Soup of the day']);
    expect(await found('tomato', { sort: 'created_at', order: 'asc' }))
      .to.deep.equal(['Roasted tomatoes', 'Tomato soup', 'Soup of the day', 'Pasta with tomato sauce']);
    expect(namesOf(await search({ sort: 'relevance', order: 'asc' }))[0], 'without q: created_at').to.equal('Roasted tomatoes');
  });

  it('filters by max_cook_time and min_servings (recipes without the value left out), alone or with q, kept by every link', async () => {
    expect(namesOf(await search({ max_cook_time: 30 }))).to.deep.equal(['Pork chops', 'Pasta with tomato sauce', 'Tomato soup']);
    expect(namesOf(await search({ min_servings: 8 }))).to.deep.equal(['Carrot cake without nuts', 'Carrot Cake']);
    expect(namesOf(await search({ min_servings: 6, max_cook_time: 60 }))).to.deep.equal(['Crème brûlée', 'Carrot cake without nuts', 'Carrot Cake']);
    expect(await found('cake', { max_cook_time: 50 })).to.deep.equal(['Carrot cake without nuts']);
    expect((await search({ max_cook_time: 1440, min_servings: 1 })).data, 'those with both values').to.include({ total: 6 });
    const paged = await search({ q: 'tomato', max_cook_time: 30, min_servings: 2, per_page: 1 });
    expect(paged.data).to.include({ total: 2, pages: 2 });
    const next = paged.links.get('next')!.href;
    expect(new URL(next, server.url).searchParams.get('max_cook_time')).to.equal('30');
    expect(new URL(next, server.url).searchParams.get('min_servings')).to.equal('2');
    expect(namesOf(await anyone.go(next).get())).to.deep.equal(['Tomato soup']);
    expect(paged.links.get('search')!.href).to.include('max_cook_time').and.include('min_servings');
  });

  it('answers a bad filter with a 400 problem pointing at the parameter', async () => {
    const recipes = (await send(server, 'GET', server.root, null)).body._links.recipes.href as string;
    for (const [query, pointer] of [
      ['max_cook_time=0', '/query/max_cook_time'], ['max_cook_time=1441', '/query/max_cook_time'], ['max_cook_time=soon', '/query/max_cook_time'],
      ['max_cook_time=2.5', '/query/max_cook_time'], ['min_servings=0', '/query/min_servings'], ['min_servings=51', '/query/min_servings'],
      ['min_servings=4&min_servings=6', '/query/min_servings'], ['sort=rating', '/query/sort'],
    ] as const) {
      const res = await send(server, 'GET', `${recipes}?${query}`, null);
      expect(res.status, query).to.equal(400);
      expect(res.headers.get('content-type'), query).to.match(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer), query).to.deep.equal([pointer]);
    }
    expect((await send(server, 'GET', `${recipes}?q=${encodeURIComponent('"unclosed -')}`, null)).status, 'q is never a 400 for its syntax').to.equal(200);
  });

  it('never finds a draft for anyone but its owner, in /recipes, the author\'s list and its totals', async () => {
    for (const client of [anyone, cook.client, other.client]) {
      expect((await search({ q: 'walnut' }, client)).data, 'the published carrot cake only').to.include({ total: 1 });
      expect(namesOf(await search({ q: 'brownies' }, client))).to.deep.equal([]);
    }
    /** The other user's list as `viewer` sees it, reached by links: a recipe's author, then their recipes, searched. */
    const othersList = async (viewer: Ketting, variables: Record<string, string>) => {
      const curry = (await search({ q: 'curry' }, viewer)).getEmbedded()[0]!;
      const recipes = await (await (await viewer.go(curry.uri).follow('author')).follow('recipes')).refresh();
      return (await recipes.follow('search', variables)).refresh();
    };
    for (const viewer of [anyone, cook.client]) {
      for (const visibility of ['all', 'private', 'public']) {
        expect((await othersList(viewer, { q: 'brownies', visibility })).data, visibility).to.include({ total: 0 });
      }
    }
    expect(namesOf(await othersList(other.client, { q: 'brownies', visibility: 'all' }))).to.deep.equal(['Secret walnut brownies']);
    expect((await othersList(other.client, { q: 'brownnies', visibility: 'private' })).data, 'typos too').to.include({ total: 1 });
  });

  it('lets no draft\'s words change what anybody else finds: a word known only from a draft is still corrected to a published one', async () => {
    await publishedRecipe(cook, { name: 'Saffron risotto', ingredients: 'rice, saffron, stock' });
    // "saffrun" is one edit from "saffron"; had the draft made it a known word, nobody's search for it would be corrected.
    await createRecipe(other, { name: 'Saffrun stew', ingredients: 'secret saffrun blend' });
    for (const client of [anyone, cook.client, other.client]) {
      expect(namesOf(await search({ q: 'saffrun' }, client))).to.deep.equal(['Saffron risotto']);
    }
    await publishedRecipe(other, { name: 'Saffrun tea' });
    expect(namesOf(await search({ q: 'saffrun' })), 'once published, the word is known: taken as typed').to.deep.equal(['Saffrun tea']);
  });
});
