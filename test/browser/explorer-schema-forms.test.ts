import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import type { TestUser } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { goInPage, screenshot } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import { createRecipe } from '../support/recipes.ts';

type Schema = { properties: Record<string, { enum?: string[]; minimum?: number; maximum?: number; type: string }> };

describe('explorer: forms know their values from the schemas under /schemas/…', function () {
  this.timeout(60_000);
  const suite = explorerSuite({ users: 1 });
  let user: TestUser;
  let page: Page;
  let watch: PageWatch;
  const schemas: Record<string, Schema> = {};
  before(async () => {
    user = suite.users[0]!;
    for (const id of ['recipes-query', 'user-recipes-query', 'recipe-edit']) schemas[id] = await (await suite.server.fetch(`/schemas/${id}`)).json();
  });

  const options = (select: Locator) => select.locator('option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));
  const bounds = (input: Locator) => input.evaluate((i) => ({
    type: i.getAttribute('type'), min: i.getAttribute('min'), max: i.getAttribute('max'), step: i.getAttribute('step'),
  }));
  const expectBounds = async (input: Locator, schema: { minimum?: number; maximum?: number }) => expect(await bounds(input)).to.deep.equal({
    type: 'number', min: schema.minimum === undefined ? null : String(schema.minimum),
    max: schema.maximum === undefined ? null : String(schema.maximum), step: '1',
  });

  it('turns the search link of the root into dropdowns and bounded numbers from recipes-query, fetching it once per page load', async () => {
    ({ page, watch } = await suite.blank({ width: 1280, height: 900 }));
    let fetched = 0;
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/schemas/recipes-query') fetched += 1; });
    await page.goto(`${suite.server.url}/explorer`);
    const { properties } = schemas['recipes-query']!;
    for (const uri of ['/', '/recipes', '/']) {
      await goInPage(page, uri);
      const search = page.locator(uri === '/' ? '.links-panel tr[data-rel="search"] form' : 'form#results-search');
      for (const name of ['sort', 'order']) {
        expect(await options(search.locator(`select[name="${name}"]`)), name).to.deep.equal(['', ...properties[name]!.enum!]);
      }
      for (const name of ['page', 'per_page']) await expectBounds(search.locator(`input[name="${name}"]`), properties[name]!);
    }
    expect(fetched, 'one fetch of the schema for the page load').to.equal(1);
    expect(watch.problems()).to.deep.equal([]);
  });

  it('adds visibility from user-recipes-query on a user\'s list, and prefills the search with the page\'s query (not its page)', async () => {
    ({ page, watch } = await suite.open(user));
    await goInPage(page, `/users/${user.username}/recipes?q=stew&sort=cook_time&order=asc&page=2&per_page=5&visibility=all`);
    const search = page.locator('form#results-search');
    expect(await options(search.locator('select[name="visibility"]'))).to.deep.equal(['', ...schemas['user-recipes-query']!.properties.visibility!.enum!]);
    const values = await search.evaluate((form) => Object.fromEntries(new FormData(form as HTMLFormElement)));
    expect(values).to.deep.equal({ q: 'stew', sort: 'cook_time', order: 'asc', page: '', per_page: '5', visibility: 'all' });
    await screenshot(page, 'schema-forms-user-list');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('gives the edit form number inputs with the bounds of recipe-edit, and clears a nullable number with null', async () => {
    ({ page, watch } = await suite.open(user));
    await goInPage(page, new URL(await createRecipe(user, { name: 'Bean chili', cook_time: 40 }), suite.server.url).pathname);
    const edit = page.locator('#app form[data-template="edit"]');
    for (const name of ['cook_time', 'num_of_servings']) await expectBounds(edit.locator(`[name="${name}"]`), schemas['recipe-edit']!.properties[name]!);
    await edit.locator('[name="cook_time"]').fill('');
    const [sent] = await Promise.all([page.waitForRequest((r) => r.method() === 'PATCH'), edit.locator('button[type="submit"]').click()]);
    expect(JSON.parse(sent.postData()!)).to.include({ cook_time: null, name: 'Bean chili' });
    await page.locator('.properties-panel tr[data-property="cook_time"] td', { hasText: 'null' }).waitFor();
    expect(watch.problems()).to.deep.equal([]);
  });

  it('shows a 400 query\'s problems next to its fields, with the allowed values, and a corrected query succeeds', async () => {
    ({ page, watch } = await suite.open());
    await goInPage(page, '/recipes?sort=rating&per_page=500&q=soup');
    const fix = page.locator('.problem-panel form.query-fix');
    const error = (name: string) => fix.locator(`[data-field="${name}"] .field-error`);
    expect(await error('sort').textContent()).to.equal('sort must be one of created_at, cook_time, num_of_servings');
    expect(await error('per_page').textContent()).to.equal('per_page must be at most 100');
    const sort = fix.locator('select[name="sort"]');
    expect(await sort.getAttribute('aria-describedby')).to.equal(await error('sort').getAttribute('id'));
    expect(await fix.locator('input[name="q"]').inputValue()).to.equal('soup');
    await screenshot(page, 'schema-forms-400');
    await sort.selectOption('cook_time');
    await fix.locator('input[name="per_page"]').fill('50');
    await fix.locator('button[type="submit"]').click();
    await page.waitForURL(`${suite.server.url}/recipes?q=soup&sort=cook_time&per_page=50`);
    await page.locator('h1', { hasText: 'Published recipes matching “soup”' }).waitFor();
    expect(await page.locator('.field-error').count()).to.equal(0);
    expect(watch.problems([400])).to.deep.equal([]);
  });
});
