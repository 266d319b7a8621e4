import { expect } from 'chai';
import type { Ketting, State } from 'ketting';
import { createUser, type TestUser } from '../support/accounts.ts';
import { createRecipe, list, publishedRecipe, recipeState, type RecipeBody } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const namesOf = (state: State) => state.getEmbedded().map((item) => (item.data as RecipeBody).name);

/** Search, sort and draft invisibility in `/recipes` (API.md §5, §6). */
describe('recipes: search, sort and drafts in /recipes', () => {
  let server: TestServer;
  let cook: TestUser;
  let other: TestUser;

  before(async () => {
    server = await startTestServer();
    cook = await createUser(server);
    other = await createUser(server);
    await publishedRecipe(cook, { name: 'Tomato Soup', description: 'Hearty', cook_time: 30, num_of_servings: 4 });
    await publishedRecipe(cook, { name: 'Green salad', ingredients: 'TOMATOES, lettuce', num_of_servings: 2 });
    await publishedRecipe(cook, { name: 'Rye bread', description: 'With 100% rye_flour', cook_time: 120 });
    await createRecipe(cook, { name: 'Secret tomato stew', cook_time: 10, num_of_servings: 1 });
    await publishedRecipe(other, { name: 'Apple pie', cook_time: 30, num_of_servings: 6 });
  });
  after(async () => {
    await server?.close();
  });

  const search = async (client: Ketting, variables: Record<string, string | number>) =>
    (await client.go().follow('search', variables)).get();

  it('searches name, description and ingredients case-insensitively, a name match first', async () => {
    for (const client of [server.client(), other.client]) {
      const found = await search(client, { q: 'tOmAtO' });
      expect(found.data).to.include({ total: 2 });
      expect(namesOf(found)).to.deep.equal(['Tomato Soup', 'Green salad']);
    }
    expect(namesOf(await search(server.client(), { q: 'hearty' }))).to.deep.equal(['Tomato Soup']);
    expect(namesOf(await search(server.client(), { q: 'LETTUCE' }))).to.deep.equal(['Green salad']);
  });

  it('reads q as words: punctuation is no wildcard, and a q that requires no word (stop words, signs) finds every recipe', async () => {
    expect(namesOf(await search(server.client(), { q: '100%' }))).to.deep.equal(['Rye bread']);
    expect(namesOf(await search(server.client(), { q: 'rye_flour' }))).to.deep.equal(['Rye bread']);
    for (const q of ['%', '_', '\\', 'the', '-', '""']) expect((await search(server.client(), { q })).data, q).to.include({ total: 4 });
  });

  it('sorts by cook_time and num_of_servings both ways, nulls last, ties by id in the same direction', async () => {
    const order = async (sort: string, direction: string) => namesOf(await search(server.client(), { sort, order: direction }));
    expect(await order('cook_time', 'asc')).to.deep.equal(['Tomato Soup', 'Apple pie', 'Rye bread', 'Green salad']);
    expect(await order('cook_time', 'desc')).to.deep.equal(['Rye bread', 'Apple pie', 'Tomato Soup', 'Green salad']);
    expect(await order('num_of_servings', 'asc')).to.deep.equal(['Green salad', 'Tomato Soup', 'Apple pie', 'Rye bread']);
    expect(await order('num_of_servings', 'desc')).to.deep.equal(['Apple pie', 'Tomato Soup', 'Green salad', 'Rye bread']);
    expect(await order('created_at', 'asc')).to.deep.equal(['Tomato Soup', 'Green salad', 'Rye bread', 'Apple pie']);
    expect(namesOf(await (await server.client().go().follow('recipes')).get()))
      .to.deep.equal(['Apple pie', 'Rye bread', 'Green salad', 'Tomato Soup']);
  });

  it('never shows a draft in /recipes, its total or a search — not even to its owner there', async () => {
    for (const client of [server.client(), other.client, cook.client]) {
      const all = await (await client.go().follow('recipes')).refresh();
      expect(all.data).to.include({ total: 4 });
      expect(namesOf(all)).to.not.include('Secret tomato stew');
      const secret = await search(client, { q: 'secret' });
      expect(secret.data).to.include({ total: 0, pages: 1 });
      expect(secret.getEmbedded()).to.have.length(0);
    }
  });

  it('embeds full recipes with self links and the caller\'s templates', async () => {
    const raw = await list(server, (await cook.client.go().follow('recipes')).uri, cook.accessToken);
    expect(raw.headers.get('cache-control')).to.match(/^private/);
    const soup = raw.body._embedded.item.find((item) => item.name === 'Tomato Soup')!;
    expect(soup._links.self!.href).to.match(/^\/recipes\/\d+$/);
    expect(soup).to.include({ description: 'Hearty', cook_time: 30, num_of_servings: 4, is_publish: true, cover_url: null });
    expect(Object.keys(soup._templates ?? {}).sort()).to.deep.equal(['delete', 'edit', 'unpublish']);
    const pie = raw.body._embedded.item.find((item) => item.name === 'Apple pie')!;
    expect(pie._templates).to.equal(undefined);
    expect((await recipeState(other, pie._links.self!.href)).hasAction('edit')).to.equal(true);
  });
});
