import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestUser } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { goInPage, screenshot } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import { makeImage, putImage } from '../support/images.ts';
import { publishedRecipe, view } from '../support/recipes.ts';

describe('explorer: collections look like results (cards, paging, titles)', function () {
  this.timeout(60_000);
  const suite = explorerSuite({ users: 1, developer: true }); // relations, raw properties, "Everything about it"
  let user: TestUser;
  let page: Page;
  let watch: PageWatch;
  before(async () => {
    user = suite.users[0]!;
    await publishedRecipe(user, { name: 'Pea soup', cook_time: 30, num_of_servings: 1 });
    await publishedRecipe(user, { name: 'Lentil soup', cook_time: 45, num_of_servings: 6 });
    const withCover = await publishedRecipe(user, { name: 'Onion soup', cook_time: 60, num_of_servings: 2, description: 'Slow and sweet.' });
    const editMedia = (await view(suite.server, withCover, user.accessToken)).body._links['edit-media']!.href;
    expect((await putImage(suite.server, editMedia, user.accessToken, await makeImage('png', 90, 90), 'image/png')).status).to.equal(200);
  });

  const card = (name: string) => page.locator('.results-panel li.card', { hasText: name });
  const pagerButton = (rel: string) => page.locator(`.pager-top [data-rel="${rel}"]`);

  it('heads a collection with its self title and shows its items as cards: cover thumbnail, cook time, servings, author', async () => {
    ({ page, watch } = await suite.open());
    await page.locator('.links-panel tr[data-rel="recipes"] a.follow').click();
    // The page is rendered once the URL is the collection's and the app is no longer busy (its h1 was read too early before).
    await page.waitForURL(`${suite.server.url}/recipes`);
    await page.locator('#app[aria-busy]').waitFor({ state: 'detached' });
    const collection = (await (await suite.server.fetch('/recipes', { headers: { Accept: 'application/hal+json' } })).json());
    expect(await page.locator('h1').textContent()).to.equal(collection._links.self.title);
    await page.waitForFunction(() => ((document.querySelector('li.card img.card-thumb') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    expect(await card('Onion soup').locator('img.card-thumb').count()).to.equal(1);
    expect(await card('Pea soup').locator('img.card-thumb').count(), 'no cover, no picture').to.equal(0);
    expect(await card('Onion soup').locator('.card-facts').textContent()).to.equal('60 min2 servings');
    expect(await card('Pea soup').locator('.fact-servings').textContent()).to.equal('1 serving');
    expect(await card('Onion soup').locator('.card-description').textContent()).to.equal('Slow and sweet.');
    expect(await card('Onion soup').locator('.card-author a').textContent()).to.equal(user.username);
    expect(await page.locator('.embedded-panel details.embedded-item').count(), 'items are not shown twice').to.equal(0);
    await screenshot(page, 'results-cards');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('opens the full representation of an item inside its card, and follows the card to the item', async () => {
    ({ page, watch } = await suite.open());
    await goInPage(page, '/recipes');
    const details = card('Lentil soup').locator('details.card-details');
    expect(await details.locator('.properties-panel').count(), 'rendered only when opened').to.equal(0);
    await details.locator('summary').click();
    expect(await details.locator('.properties-panel tr[data-property="cook_time"] td').textContent()).to.equal('45');
    await card('Lentil soup').locator('a.card-link').click();
    await page.locator('h1', { hasText: 'Lentil soup' }).waitFor();
    expect(await page.locator('.page-heading .badge-published').count()).to.equal(1);
    expect(watch.problems()).to.deep.equal([]);
  });

  it('pages with first/previous/next/last buttons from the collection\'s links, disabled where there is no page to go to', async () => {
    ({ page, watch } = await suite.open());
    await goInPage(page, '/recipes?sort=cook_time&order=asc&per_page=2');
    expect(await page.locator('.pager-top .pager-position').textContent()).to.equal('Page 1 of 2');
    for (const rel of ['first', 'prev']) expect(await pagerButton(rel).getAttribute('aria-disabled'), rel).to.equal('true');
    for (const rel of ['next', 'last']) expect(await pagerButton(rel).evaluate((el) => el.tagName), rel).to.equal('A');
    expect(await page.locator('.results-panel li.card .card-link').allTextContents()).to.deep.equal(['Pea soup', 'Lentil soup']);
    await pagerButton('last').click();
    await page.waitForURL(`${suite.server.url}/recipes?sort=cook_time&order=asc&page=2&per_page=2`);
    await page.locator('.pager-top .pager-position', { hasText: 'Page 2 of 2' }).waitFor();
    expect(await page.locator('.results-panel li.card .card-link').allTextContents()).to.deep.equal(['Onion soup']);
    for (const rel of ['next', 'last']) expect(await pagerButton(rel).getAttribute('aria-disabled'), rel).to.equal('true');
    await screenshot(page, 'results-page-2');
    await pagerButton('prev').click();
    await page.locator('.pager-top .pager-position', { hasText: 'Page 1 of 2' }).waitFor();
    expect(watch.problems()).to.deep.equal([]);
  });

  it('says so on a page past the last one', async () => {
    ({ page, watch } = await suite.open());
    await goInPage(page, '/recipes?page=9');
    expect(await page.locator('.results-panel .results-empty').textContent()).to.equal('This page is past the last one.');
    expect(await pagerButton('first').evaluate((el) => el.tagName)).to.equal('A');
    expect(watch.problems()).to.deep.equal([]);
  });
});
