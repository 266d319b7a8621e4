import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { HAL_FORMS, publishedRecipe, send } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface Property {
  name: string;
  prompt?: string;
  type?: string;
  required?: boolean;
  value?: string;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  regex?: string;
  options?: { inline: Array<{ prompt: string; value: string }>; selectedValues: string[]; minItems: number; maxItems: number };
}
type Templates = Record<string, { method: string; target: string; title: string; properties: Property[] }>;

/**
 * API.md §1, §2, §6: every template property speaks to people (a prompt, the schema's constraints, an
 * input type), the fixed choices are HAL-FORMS options, and `search` is a GET form on the root and on
 * every collection, prefilled from the collection's query — as ketting reads it, and as it sends it.
 */
describe('HAL-FORMS prompts, options and the search form', () => {
  let server: TestServer;
  let cook: TestUser;
  let recipe: string;
  const templatesOf = async (url: string, token: string | null) =>
    (await send(server, 'GET', url, token, undefined, { Accept: HAL_FORMS })).body._templates as Templates;

  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    cook = await createUser(server);
    recipe = await publishedRecipe(cook, { name: 'Searchable soup', cook_time: 25, num_of_servings: 4 });
    await publishedRecipe(cook, { name: 'Searchable stew', cook_time: 95, num_of_servings: 6 });
  });
  after(async () => {
    await server?.close();
  });

  it('every property of every template a person meets has a prompt of its own (never its name) and an input type', async () => {
    const links = (await send(server, 'GET', server.root, null)).body._links;
    const everywhere = [
      ...Object.entries(await templatesOf(server.root, null)), ...Object.entries(await templatesOf(server.root, cook.accessToken)),
      ...Object.entries(await templatesOf(recipe, cook.accessToken)), ...Object.entries(await templatesOf(links.recipes.href, cook.accessToken)),
    ];
    expect(everywhere.map(([name]) => name)).to.include.members(['register', 'login', 'search', 'edit', 'create']);
    for (const [name, template] of everywhere) {
      expect(template.title, name).to.be.a('string').and.not.equal('');
      for (const property of template.properties) {
        expect(property.prompt, `${name}.${property.name}`).to.be.a('string').and.not.equal(property.name);
        expect(property.type, `${name}.${property.name}`).to.be.oneOf(['text', 'search', 'number', 'email', 'password', 'textarea', 'url']);
      }
    }
    const edit = (await templatesOf(recipe, cook.accessToken)).edit!.properties;
    expect(edit.find((p) => p.name === 'cook_time')).to.include({ prompt: 'Cook time (minutes)', type: 'number', min: 1, value: '25' });
    const lists = (await send(server, 'GET', server.root, null)).body._links;
    const create = (await templatesOf(lists.recipes.href, cook.accessToken)).create!.properties;
    expect(create.find((p) => p.name === 'name')).to.include({ required: true, minLength: 1 });
    expect((await templatesOf(server.root, null)).register!.properties.find((p) => p.name === 'username')).to.include({ regex: '^[A-Za-z0-9_.-]{3,30}$' });
  });

  it('the root\'s search: GET on the published recipes (no query in the target), every parameter but page, choices as options', async () => {
    const search = (await templatesOf(server.root, null)).search!;
    const target = (await send(server, 'GET', server.root, null)).body._links.recipes.href;
    expect([search.method, search.target]).to.deep.equal(['GET', target]);
    expect(search.target).not.to.include('?');
    expect(search.properties.map((p) => p.name)).to.include.members(['q', 'sort', 'order', 'per_page']).and.not.include('page');
    const sort = search.properties.find((p) => p.name === 'sort')!;
    expect(sort.options!.inline).to.deep.include({ prompt: 'Newest first', value: 'created_at' });
    expect(sort.options!.inline.map((o) => o.value)).to.include.members(['created_at', 'cook_time', 'num_of_servings']);
    expect(sort.options).to.include({ minItems: 0, maxItems: 1 });
    expect(sort.options!.selectedValues, 'the value that applies when the form is sent as it is').to.have.length(1);
    expect(search.properties.find((p) => p.name === 'order')!.options!.selectedValues).to.deep.equal(['desc']);
    expect(search.properties.find((p) => p.name === 'per_page')).to.include({ type: 'number', min: 1, max: 100 });
    expect(search.properties.find((p) => p.name === 'q')).to.include({ type: 'search', maxLength: 200 });
  });

  it('ketting reads sort, order and visibility as select lists, and sends the form\'s values in the query', async () => {
    const root = await server.client().go().get();
    const sort = root.action('search').field('sort')!;
    expect(sort.type).to.equal('select');
    expect((sort as unknown as { options: Record<string, string> }).options).to.include({ created_at: 'Newest first', cook_time: 'Cook time' });
    const found = await root.action('search').submit({ q: 'stew', sort: 'cook_time' });
    expect(new URL(found.uri).searchParams.get('q')).to.equal('stew');
    expect(((found.data as { total: number }).total)).to.equal(1);
    const me = await (await cook.client.go().follow('me')).get();
    const own = await cook.client.go(me.links.get('self')!.href).follow('recipes').follow('search', { sort: 'num_of_servings', visibility: 'all' });
    const visibility = (await own.get()).action('search').field('visibility')!;
    expect([visibility.type, visibility.value]).to.deep.equal(['select', ['all']]);
  });

  it('a collection\'s search is prefilled with its current query, its target the list itself; a user\'s list adds visibility', async () => {
    const lists = (await send(server, 'GET', server.root, null)).body._links;
    const url = lists.search.href.replace(/\{\?.*\}$/, '?q=soup&sort=cook_time&order=asc&per_page=5');
    const search = (await templatesOf(url, null)).search!;
    expect(search.target).to.equal(lists.recipes.href);
    const value = (name: string) => {
      const property = search.properties.find((p) => p.name === name)!;
      return property.options ? property.options.selectedValues : property.value;
    };
    expect(['q', 'sort', 'order', 'per_page'].map(value)).to.deep.equal(['soup', ['cook_time'], ['asc'], '5']);
    const author = (await send(server, 'GET', recipe, null)).body._links.author.href;
    const userList = (await send(server, 'GET', author, null)).body._links.recipes.href;
    const own = (await templatesOf(userList, null)).search!;
    expect(own.target).to.equal(userList);
    const visibility = own.properties.find((p) => p.name === 'visibility')!;
    expect(visibility.options!.inline.map((o) => o.value)).to.deep.equal(['public', 'all', 'private']);
    expect(visibility.options!.selectedValues).to.deep.equal(['public']);
  });
});
