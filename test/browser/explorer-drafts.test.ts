import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ACCOUNT_TEST_ENV, type TestUser } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { goInPage, screenshot } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import { createRecipe, publishedRecipe } from '../support/recipes.ts';

describe('explorer: drafts can be found, and lists say which items are drafts', function () {
  this.timeout(60_000);
  const suite = explorerSuite({ env: ACCOUNT_TEST_ENV, users: 2 });
  let alice: TestUser;
  let bob: TestUser;
  let page: Page;
  let watch: PageWatch;
  before(async () => {
    [alice, bob] = [suite.users[0]!, suite.users[1]!];
    await createRecipe(alice, { name: 'Secret stew', cook_time: 90 });
    await publishedRecipe(alice, { name: 'Open omelette', cook_time: 5 });
  });

  const cards = () => page.locator('.results-panel li.card');
  const card = (name: string) => page.locator('.results-panel li.card', { hasText: name });

  it('puts the drafts link of `me` in the session bar, titled as the server titles it', async () => {
    ({ page, watch } = await suite.open(alice));
    const me = await (await suite.server.fetch('/me', { headers: { Authorization: `Bearer ${alice.accessToken}` } })).json();
    const drafts = page.locator('#session a.drafts');
    expect(await drafts.getAttribute('title')).to.equal(me._links.drafts.title);
    await drafts.click();
    await page.waitForURL(`${suite.server.url}${me._links.drafts.href}`);
    await page.locator('h1', { hasText: `${alice.username}'s drafts` }).waitFor();
    expect(await cards().count()).to.equal(1);
    expect(await card('Secret stew').locator('.badge-draft').textContent()).to.equal('Draft');
    await screenshot(page, 'drafts-list');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('switches the owner\'s own list between its visibility choices, and badges drafts only', async () => {
    ({ page, watch } = await suite.open(alice));
    await goInPage(page, `/users/${alice.username}/recipes`);
    await page.locator('.results-panel nav.presets a.preset[data-visibility="all"]').click();
    await page.waitForURL(`${suite.server.url}/users/${alice.username}/recipes?visibility=all`);
    await page.locator('h1', { hasText: `All recipes by ${alice.username}` }).waitFor();
    expect(await page.locator('.presets [aria-current="page"]').getAttribute('data-visibility')).to.equal('all');
    expect(await card('Secret stew').locator('.badge-draft').count()).to.equal(1);
    expect(await card('Open omelette').locator('.badge-draft').count(), 'a published recipe is no draft').to.equal(0);
    expect(await page.locator('#results-search select[name="visibility"]').inputValue(), 'the form shows the query').to.equal('all');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('tells the owner on a draft\'s own page that only they see it, with a link to all their drafts', async () => {
    ({ page, watch } = await suite.open(alice));
    await page.locator('#session a.drafts').click();
    await card('Secret stew').locator('a.card-link').click();
    await page.locator('h1', { hasText: 'Secret stew' }).waitFor();
    expect(await page.locator('.page-heading .state').textContent()).to.match(/^Draft Only you can see it until you publish it\./);
    await page.locator('.page-heading a.drafts-link').click();
    await page.locator('h1', { hasText: `${alice.username}'s drafts` }).waitFor();
    expect(watch.problems()).to.deep.equal([]);
  });

  it('shows somebody else\'s list without presets and without drafts', async () => {
    ({ page, watch } = await suite.open(bob));
    await goInPage(page, `/users/${alice.username}/recipes?visibility=all`);
    await page.locator('.results-panel').waitFor();
    expect(await page.locator('.presets').count()).to.equal(0);
    expect(await cards().count()).to.equal(1);
    expect(await page.locator('.badge-draft').count()).to.equal(0);
    expect(watch.problems()).to.deep.equal([]);
  });
});
