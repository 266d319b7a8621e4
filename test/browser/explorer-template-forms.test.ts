import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import type { TestUser } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { expectNoAxeViolations, expectPeoplesWords } from '../support/explorer-checks.ts';
import { goInPage, screenshot } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import { createRecipe, HAL_FORMS } from '../support/recipes.ts';
import type { TestServer } from '../support/test-server.ts';

interface Property {
  name: string; prompt: string; min?: number; max?: number; options?: { inline: { prompt: string; value: string }[]; selectedValues: string[] };
}
interface Template { title: string; properties: Property[] }

/** Forms are made from the templates alone (API.md §1): prompts as labels, options as dropdowns of their prompts, bounds as hints. */
describe('explorer: forms speak the templates\' words (prompts, options, search)', function () {
  this.timeout(60_000);
  const suite = explorerSuite({ users: 1 });
  let server: TestServer;
  let user: TestUser;
  let page: Page;
  let watch: PageWatch;
  before(() => {
    server = suite.server;
    user = suite.users[0]!;
  });

  const templateOf = async (path: string, name: string, token?: string): Promise<Template> =>
    (await (await server.fetch(path, { headers: { Accept: HAL_FORMS, ...(token && { Authorization: `Bearer ${token}` }) } })).json())._templates[name];
  const choices = (select: Locator) => select.locator('option').evaluateAll((all) => all.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
  const labelOf = (form: Locator, name: string) => form.locator(`[data-field="${name}"] label`).evaluate((l) => l.firstChild?.textContent);

  it('renders the root\'s search template: every prompt a label, every option by its prompt, the preselected value selected', async () => {
    const search = await templateOf('/', 'search');
    ({ page, watch } = await suite.open());
    const form = page.locator('#app form[data-template="search"]');
    for (const property of search.properties) {
      expect(await labelOf(form, property.name), property.name).to.equal(property.prompt);
      if (!property.options) continue;
      const select = form.locator(`select[name="${property.name}"]`);
      expect(await choices(select), property.name).to.deep.equal(property.options.inline.map((o) => [o.value, o.prompt]));
      expect(await select.inputValue()).to.equal(property.options.selectedValues[0]);
    }
    await form.locator('[name="q"]').fill('soup');
    await form.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/recipes' && url.searchParams.get('q') === 'soup');
    await expectPeoplesWords(page, 'search results');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('prefills a list\'s search form with its query (the page left out), and offers its visibility choices as presets to the owner', async () => {
    ({ page, watch } = await suite.open(user));
    const path = `/users/${user.username}/recipes?q=stew&sort=cook_time&order=asc&page=2&per_page=5&visibility=all`;
    const search = await templateOf(path, 'search', user.accessToken);
    await goInPage(page, path);
    const form = page.locator('form#results-search');
    const values = await form.evaluate((f) => Object.fromEntries(new FormData(f as HTMLFormElement)));
    expect(values).to.include({ q: 'stew', sort: 'cook_time', order: 'asc', per_page: '5', visibility: 'all' }).and.not.have.property('page');
    const visibility = search.properties.find((p) => p.name === 'visibility')!;
    const presets = page.locator('.results-panel nav.presets a.preset');
    expect(await presets.allTextContents()).to.deep.equal(visibility.options!.inline.map((o) => o.prompt));
    expect(await page.locator('.presets [aria-current="page"]').getAttribute('data-visibility')).to.equal('all');
    await screenshot(page, 'template-forms-user-list');
    await expectNoAxeViolations(page, 'user list');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('gives the edit form the template\'s bounds, and clears a number with null', async () => {
    ({ page, watch } = await suite.open(user));
    const url = await createRecipe(user, { name: 'Bean chili', cook_time: 40 });
    const edit = await templateOf(url, 'edit', user.accessToken);
    await goInPage(page, new URL(url, server.url).pathname);
    const form = page.locator('#app form[data-template="edit"]');
    for (const property of edit.properties.filter((p) => p.min !== undefined)) {
      const input = form.locator(`[name="${property.name}"]`);
      expect(await input.evaluate((i) => [i.getAttribute('type'), i.getAttribute('min'), i.getAttribute('max')]))
        .to.deep.equal(['number', String(property.min), String(property.max)]);
    }
    await form.locator('[name="cook_time"]').fill('');
    const [sent] = await Promise.all([page.waitForRequest((r) => r.method() === 'PATCH'), form.locator('button[type="submit"]').click()]);
    expect(JSON.parse(sent.postData()!)).to.include({ cook_time: null, name: 'Bean chili' });
    await page.locator('#notice .message-text', { hasText: 'Changes saved.' }).waitFor();
    // The notice comes first, then the page of the saved recipe (its Content-Location) is rendered:
    // wait for that page, which has no cook time any more (a timeout fails the test).
    await page.locator('.page-heading .fact-cook-time').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator('.page-heading h1').textContent()).to.contain('Bean chili');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('puts a refused query\'s errors under the search form\'s fields, by their labels, and a corrected query succeeds', async () => {
    ({ page, watch } = await suite.open());
    await goInPage(page, '/recipes?sort=rating&per_page=500&q=soup');
    const fix = page.locator('.problem-panel form.query-fix');
    expect(await fix.locator('[data-field="sort"] .field-error').textContent()).to.match(/: choose one of the choices offered$/);
    expect(await fix.locator('[data-field="per_page"] .field-error').textContent()).to.match(/ must be at most 100$/);
    expect(await fix.locator('input[name="q"]').inputValue()).to.equal('soup');
    await expectPeoplesWords(page, '400');
    await expectNoAxeViolations(page, '400');
    await screenshot(page, 'template-forms-400');
    await fix.locator('select[name="sort"]').selectOption('cook_time');
    await fix.locator('input[name="per_page"]').fill('50');
    await fix.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'cook_time' && url.searchParams.get('per_page') === '50');
    await page.locator('#app h1', { hasText: 'Published recipes matching “soup”' }).waitFor();
    expect(watch.problems([400])).to.deep.equal([]);
  });
});
