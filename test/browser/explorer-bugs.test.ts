import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ACCOUNT_TEST_ENV, newCredentials, type TestUser } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { tabTo } from '../support/explorer-actors.ts';
import { expectNoAxeViolations } from '../support/explorer-checks.ts';
import { goInPage, screenshot } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import { makeImage, putImage } from '../support/images.ts';
import { publishedRecipe, view } from '../support/recipes.ts';
import type { TestServer } from '../support/test-server.ts';

/** The bugs a tester found (issue 20, point 4), each with the test that failed before its fix. */
describe('explorer: the bugs of the first-hour report stay fixed', function () {
  this.timeout(90_000);
  const suite = explorerSuite({ env: ACCOUNT_TEST_ENV, users: 1 });
  let server: TestServer;
  let user: TestUser;
  let recipe: string;
  let page: Page;
  let watch: PageWatch;
  before(async () => {
    server = suite.server;
    user = suite.users[0]!;
    recipe = new URL(await publishedRecipe(user, {
      name: 'Onion soup', description: 'Slow and sweet, with a long description that needs room to be read.', cook_time: 60, num_of_servings: 2,
    }), server.url).pathname;
    const editMedia = (await view(server, recipe, user.accessToken)).body._links['edit-media']!.href;
    expect((await putImage(server, editMedia, user.accessToken, await makeImage('jpeg', 1200, 900), 'image/jpeg')).status).to.equal(200);
  });

  it('gives a card\'s "Everything about it" the whole row on a desktop: no value squeezed to a letter a line', async () => {
    ({ page, watch } = await suite.open(undefined, undefined, { developer: true }));
    await goInPage(page, '/recipes');
    const details = page.locator('.results-panel li.card', { hasText: 'Onion soup' }).locator('details.card-details');
    await details.locator('summary').click();
    const widths = await details.locator('.properties-panel td').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().width));
    expect(Math.min(...widths), 'the narrowest value cell').to.be.greaterThan(300);
    expect(await page.evaluate(() => document.documentElement.scrollHeight), 'the page stays short').to.be.lessThan(4000);
    await screenshot(page, 'bugs-everything-about-it');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('sends an emptied name (the 422 says so under Name), and says "or empty to clear" only where there is something to clear', async () => {
    ({ page, watch } = await suite.open(user));
    await goInPage(page, recipe);
    const edit = page.locator('#app form[data-template="edit"]');
    expect(await edit.locator('[data-field="cook_time"] .field-hint').textContent()).to.equal('1 to 1440, or empty to clear');
    await edit.locator('[name="name"]').fill('');
    const [sent] = await Promise.all([page.waitForRequest((r) => r.method() === 'PATCH'), edit.locator('button[type="submit"]').click()]);
    expect(JSON.parse(sent.postData()!)).to.include({ name: '' });
    expect(await edit.locator('[data-field="name"] .field-error').textContent()).to.equal('Name must not be empty');
    expect((await view(server, recipe, null)).body.name, 'nothing changed').to.equal('Onion soup');
    await page.locator('#session a.new-recipe').click();
    const create = page.locator('#app form[data-template="create"]');
    await create.locator('[name="name"]').waitFor();
    expect(await create.locator('[data-field="cook_time"] .field-hint').textContent()).to.equal('1 to 1440');
    expect(await create.textContent()).to.not.include('empty to clear');
    expect(watch.problems([422])).to.deep.equal([]);
  });

  it('shows the password rule before a submit, and the server\'s refusal as a sentence under Password', async () => {
    ({ page, watch } = await suite.open());
    const register = page.locator('#app form[data-template="register"]');
    expect(await register.locator('[data-field="password"] .field-hint').textContent()).to.match(/^15 to 256 characters\. .*common passwords are refused\.$/);
    const you = newCredentials('rule');
    await register.locator('[name="username"]').fill(you.username);
    await register.locator('[name="email"]').fill(you.email);
    await register.locator('[name="password"]').evaluate((input) => input.removeAttribute('minlength')); // past the browser's check, to the server's
    await register.locator('[name="password"]').fill('short');
    await register.locator('button[type="submit"]').click();
    const error = register.locator('[data-field="password"] .field-error');
    await error.waitFor();
    expect(await error.textContent()).to.match(/^Password must be at least 15 characters/);
    expect(watch.problems([422])).to.deep.equal([]);
  });

  it('never hides a focused field\'s label under the sticky header (by keyboard, at 1280 px)', async () => {
    ({ page, watch } = await suite.open(user, { width: 1280, height: 600 }));
    await goInPage(page, recipe);
    const names = ['name', 'description', 'num_of_servings', 'cook_time', 'ingredients', 'directions'];
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    for (const name of [...names].reverse()) {
      await tabTo(page.locator(`#app form[data-template="edit"] [name="${name}"]`)); // Shift+Tab upwards, as a person goes back
      const { label, header } = await page.evaluate((field) => ({
        label: document.querySelector(`#app form[data-template="edit"] [data-field="${field}"] label`)!.getBoundingClientRect().top,
        header: document.getElementById('topbar')!.getBoundingClientRect().bottom,
      }), name);
      expect(label, `${name}'s label below the header`).to.be.at.least(header);
    }
    await screenshot(page, 'bugs-focus-under-header', false);
  });

  it('downloads the small preview for a card\'s thumbnail, not the 1200 px cover', async () => {
    ({ page, watch } = await suite.open());
    const images: { path: string; bytes: number }[] = [];
    page.on('response', async (res) => {
      if (new URL(res.url()).pathname.startsWith('/images/')) images.push({ path: new URL(res.url()).pathname, bytes: (await res.body()).length });
    });
    await goInPage(page, '/recipes');
    await page.waitForFunction(() => ((document.querySelector('li.card img.card-thumb') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    expect(images.map((i) => i.path)).to.have.length(1);
    expect(images[0]!.path).to.match(/-preview\.webp$/);
    expect(images[0]!.bytes).to.be.lessThan(10_000);
  });

  it('gets its scripts and stylesheets compressed', async () => {
    ({ page, watch } = await suite.open());
    const encodings: string[] = [];
    page.on('response', (res) => { if (/\/explorer\/[\w-]+\.(js|css)$/.test(res.url())) encodings.push(res.headers()['content-encoding'] ?? 'identity'); });
    await page.reload();
    await page.locator('#app h1').waitFor();
    expect(encodings.length).to.be.greaterThan(10);
    expect([...new Set(encodings)]).to.deep.equal(['br']);
  });

  it('says page=-1 must be at least 1 (not "an integer"), on a page with the search to correct it', async () => {
    ({ page, watch } = await suite.open());
    await goInPage(page, '/recipes?page=-1');
    const text = await page.locator('.problem-panel').textContent();
    expect(text).to.include('Page must be at least 1').and.not.include('integer');
    await expectNoAxeViolations(page, 'page=-1');
    expect(watch.problems([400])).to.deep.equal([]);
  });
});
