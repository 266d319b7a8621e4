import { expect } from 'chai';
import type { State } from 'ketting';
import { createUser, type TestUser } from '../support/accounts.ts';
import { createRecipe, list, publishedRecipe, recipeState, send, type RecipeBody } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const namesOf = (state: State) => state.getEmbedded().map((item) => (item.data as RecipeBody).name).sort();

/** `/users/{username}/recipes`: visibility, totals, search and templates (API.md §4, §6). */
describe('recipes: a user\'s recipes', () => {
  let server: TestServer;
  let cook: TestUser;
  let other: TestUser;
  let publishedUrl: string;

  before(async () => {
    server = await startTestServer();
    cook = await createUser(server);
    other = await createUser(server);
    publishedUrl = await publishedRecipe(cook, { name: 'Pea soup' });
    await publishedRecipe(cook, { name: 'Fish pie' });
    await createRecipe(cook, { name: 'Draft dumplings' });
    await publishedRecipe(other, { name: 'Other soup' });
  });
  after(async () => {
    await server?.close();
  });

  /** The cook's list as `viewer` sees it, reached by links: a recipe's author, then their recipes. */
  async function cooksList(viewer: TestUser | null, variables?: Record<string, string>): Promise<State> {
    const client = viewer?.client ?? server.client();
    const author = await (await client.go(publishedUrl).refresh()).follow('author');
    const recipes = await (await author).follow('recipes');
    const first = await recipes.refresh();
    return variables ? (await first.follow('search', variables)).refresh() : first;
  }

  it('shows everybody but the owner the published recipes only, with their count, whatever visibility asks', async () => {
    for (const viewer of [null, other]) {
      for (const variables of [undefined, { visibility: 'all' }, { visibility: 'private' }]) {
        const state = await cooksList(viewer, variables);
        expect(state.data, JSON.stringify(variables)).to.include({ total: 2, pages: 1 });
        expect(namesOf(state)).to.deep.equal(['Fish pie', 'Pea soup']);
      }
      const secret = await cooksList(viewer, { q: 'dumplings', visibility: 'all' });
      expect(secret.data).to.include({ total: 0 });
    }
  });

  it('shows the owner their drafts with visibility=all or private, counted, and searchable', async () => {
    expect(namesOf(await cooksList(cook))).to.deep.equal(['Fish pie', 'Pea soup']);
    const all = await cooksList(cook, { visibility: 'all' });
    expect(all.data).to.include({ total: 3 });
    expect(namesOf(all)).to.deep.equal(['Draft dumplings', 'Fish pie', 'Pea soup']);
    const drafts = await cooksList(cook, { visibility: 'private' });
    expect(drafts.data).to.include({ total: 1 });
    expect(namesOf(drafts)).to.deep.equal(['Draft dumplings']);
    const found = await cooksList(cook, { visibility: 'all', q: 'DUMPLING' });
    expect(found.data).to.include({ total: 1 });
    expect(all.links.get('self')!.href).to.include('visibility=all');
    expect(all.links.get('first')!.href).to.include('visibility=all');
    expect(all.links.get('search')).to.deep.include({
      href: `/users/${cook.username}/recipes{?q,sort,order,page,per_page,max_cook_time,min_servings,visibility}`, templated: true,
    });
  });

  it('keeps the totals right through publish, unpublish and delete', async () => {
    const url = await createRecipe(cook, { name: 'Counted cake' });
    const totals = async () => [
      (await cooksList(null)).data.total, (await cooksList(cook, { visibility: 'all' })).data.total,
      (await cooksList(cook, { visibility: 'private' })).data.total, (await (await server.client().go().follow('recipes')).refresh()).data.total,
    ];
    expect(await totals()).to.deep.equal([2, 4, 2, 3]);
    await (await recipeState(cook, url)).action('publish').submit({});
    expect(await totals()).to.deep.equal([3, 4, 1, 4]);
    await (await recipeState(cook, url)).action('unpublish').submit({});
    expect(await totals()).to.deep.equal([2, 4, 2, 3]);
    await (await recipeState(cook, url)).action('delete').submit({});
    expect(await totals()).to.deep.equal([2, 3, 1, 3]);
  });

  it('offers create on the owner\'s own list only, and caches lists with drafts privately', async () => {
    expect((await cooksList(cook)).hasAction('create')).to.equal(true);
    expect((await cooksList(other)).hasAction('create')).to.equal(false);
    expect((await cooksList(null)).hasAction('create')).to.equal(false);
    const own = (await cooksList(cook, { visibility: 'all' })).uri;
    expect((await list(server, own, cook.accessToken)).headers.get('cache-control')).to.match(/^private/);
    const anonymous = await list(server, (await cooksList(null)).uri, null);
    expect(anonymous.headers.get('cache-control')).to.match(/^public/);
    expect(Object.keys(anonymous.body._templates ?? {}), 'only the search form').to.deep.equal(['search']);
  });

  it('answers an unknown user with 404 and bad parameters with 400', async () => {
    const href = (await cooksList(null)).links.get('self')!.href;
    const missing = await send(server, 'GET', href.replace(cook.username, 'no-such-cook'), null);
    expect(missing.status).to.equal(404);
    const bad = await send(server, 'GET', `${href}?visibility=everyone&per_page=0`, null);
    expect(bad.status).to.equal(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).to.deep.equal(['/query/per_page', '/query/visibility']);
  });
});
