import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestUser } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { expectNoSidewaysScroll, goInPage, screenshot } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import { makeImage, putImage } from '../support/images.ts';
import { createRecipe, publishedRecipe, view } from '../support/recipes.ts';

const PHONE = { width: 390, height: 844 };

describe('explorer: on a 390 × 844 phone', function () {
  this.timeout(90_000);
  const suite = explorerSuite({ users: 1 });
  let user: TestUser;
  let page: Page;
  let watch: PageWatch;
  let recipe: string;
  before(async () => {
    user = suite.users[0]!;
    // A long unbroken name and a cover: the recipe page was 411 px wide before, with its Images fieldset overflowing.
    recipe = new URL(await createRecipe(user, { name: `Grandmother's${'-extraordinarily'.repeat(5)} stew`, cook_time: 300 }), suite.server.url).pathname;
    const editMedia = (await view(suite.server, recipe, user.accessToken)).body._links['edit-media']!.href;
    await putImage(suite.server, editMedia, user.accessToken, await makeImage('jpeg', 1200, 800), 'image/jpeg');
    for (const name of ['Apple pie', 'Banana bread']) await publishedRecipe(user, { name });
  });

  const bottom = (selector: string) => page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().bottom);

  it('scrolls sideways on no page, shows no HTTP, and puts the properties or results on the first screen', async () => {
    ({ page, watch } = await suite.open(user, PHONE));
    const editMedia = (await view(suite.server, recipe, user.accessToken)).body._links['edit-media']!.href;
    const pages: [string, string, string][] = [
      ['root', '/', '.properties-panel .property'], ['results', '/recipes?per_page=1', '.results-panel li.card'],
      ['recipe', recipe, '.properties-panel .property'], ['cover', editMedia, 'img.image-body'],
      ['user', `/users/${user.username}`, '.properties-panel .property'],
      ['drafts', `/users/${user.username}/recipes?visibility=private`, '.results-panel li.card'],
      ['400', '/recipes?sort=rating', '.problem-panel .field-error'],
    ];
    for (const [name, uri, firstScreen] of pages) {
      await goInPage(page, uri);
      await page.locator(firstScreen).first().waitFor();
      await expectNoSidewaysScroll(page, uri);
      expect(await page.locator('.exchange-panel').count(), `${uri}: no HTTP in the person's view`).to.equal(0);
      expect(await bottom(firstScreen), `${uri}: ${firstScreen} on the first screen`).to.be.at.most(PHONE.height);
      await screenshot(page, `phone-${name}`, false);
    }
    await goInPage(page, recipe);
    await screenshot(page, 'phone-recipe-full');
    expect(watch.problems([400])).to.deep.equal([]);
  });

  it('gives buttons and paging 44 px targets, and every link at least 24 px (WCAG 2.5.8)', async () => {
    ({ page, watch } = await suite.open(user, PHONE));
    await goInPage(page, '/recipes?per_page=1');
    const heights = (selector: string) => page.locator(selector).evaluateAll((all) => all
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ what: `${el.tagName} ${el.textContent?.trim()}`, height: el.getBoundingClientRect().height })));
    const buttons = await heights('#app button:not(.link-button), #session button, .pager-button, .preset');
    const links = await heights('.card-link, #session a, .results-panel summary, button.link-button');
    expect(buttons.length, 'buttons measured').to.be.greaterThan(4);
    for (const { what, height } of buttons) expect(height, what).to.be.at.least(44);
    for (const { what, height } of links) expect(height, what).to.be.at.least(24);
    expect(watch.problems()).to.deep.equal([]);
  });

  it('closes the login popover with Escape and gives the focus back to its toggle', async () => {
    ({ page, watch } = await suite.open(undefined, PHONE));
    const toggle = page.locator('#session details.login > summary');
    await toggle.focus();
    await page.keyboard.press('Enter');
    const username = page.locator('#session form[data-template="login"] [name="username"]');
    await username.waitFor();
    expect(await username.evaluate((input) => input === document.activeElement), 'focus in the form').to.equal(true);
    await expectNoSidewaysScroll(page, 'login popover');
    await screenshot(page, 'phone-login-popover', false);
    await page.keyboard.press('Escape');
    expect(await page.locator('#session details.login').evaluate((d) => (d as HTMLDetailsElement).open)).to.equal(false);
    expect(await toggle.evaluate((s) => s === document.activeElement), 'focus on Log in').to.equal(true);
    await toggle.click();
    await page.mouse.click(PHONE.width / 2, PHONE.height - 20); // a tap elsewhere closes it too
    expect(await page.locator('#session details.login').evaluate((d) => (d as HTMLDetailsElement).open)).to.equal(false);
    expect(watch.problems()).to.deep.equal([]);
  });
});
