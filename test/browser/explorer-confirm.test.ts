import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestUser } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { keyboard } from '../support/explorer-actors.ts';
import { answerDialog, confirmDialog, goInPage, screenshot, storedTokens } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import { makeImage } from '../support/images.ts';
import { createRecipe } from '../support/recipes.ts';

describe('explorer: no lost work, no silent no-ops, no dead edit-media link', function () {
  this.timeout(60_000);
  const suite = explorerSuite({ users: 1, developer: true }); // the edit-media relation, statuses
  let user: TestUser;
  let page: Page;
  let watch: PageWatch;
  let recipeUrl: string;
  before(async () => {
    user = suite.users[0]!;
    recipeUrl = await createRecipe(user, { name: 'Fragile soufflé' });
    ({ page, watch } = await suite.open(user));
  });

  const status = async (url: string) => {
    const headers = { Authorization: `Bearer ${(await storedTokens(page))!.access_token}` };
    return (await suite.server.fetch(url, { headers })).status;
  };
  const editor = () => page.locator('form.media-editor');

  it('offers only an upload on a draft without a cover, and points the edit-media link to it', async () => {
    await goInPage(page, new URL(recipeUrl, suite.server.url).pathname);
    expect(await editor().locator('button', { hasText: 'Remove image' }).count()).to.equal(0);
    expect(await editor().locator('a.view-image').count()).to.equal(0);
    const row = page.locator('.links-panel tr[data-rel="edit-media"]');
    expect(await row.locator('a').count(), 'no link to a 404').to.equal(0);
    await row.locator('button.jump').click();
    expect(await editor().locator('input[type="file"]').evaluate((input) => input === document.activeElement)).to.equal(true);
  });

  it('uploads a draft\'s cover, shows it with the owner\'s token, and views it through edit-media (303)', async () => {
    await editor().locator('input[type="file"]').setInputFiles({ name: 'c.png', mimeType: 'image/png', buffer: Buffer.from(await makeImage('png', 80, 60)) });
    await editor().locator('button[type="submit"]').click();
    await page.waitForFunction(() => ((document.querySelector('figure.picture-cover img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    await editor().locator('a.view-image').click();
    await page.waitForURL(/\/cover$/);
    await page.waitForFunction(() => ((document.querySelector('img.image-body') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    expect(await page.locator('.exchange-panel .status').textContent()).to.match(/→ 200/);
    await page.goBack();
    await page.locator('h1', { hasText: 'Fragile soufflé' }).waitFor();
    expect(watch.problems()).to.deep.equal([]);
  });

  it('asks before removing the image: Cancel keeps it, Remove image removes it', async () => {
    await editor().locator('button', { hasText: 'Remove image' }).click();
    await screenshot(page, 'confirm-remove-image', false);
    await answerDialog(page, 'cancel', /^Remove the cover image\?$/);
    const editMedia = (await editor().getAttribute('data-media'))!;
    expect(await status(editMedia), 'edit-media still answers with the image').to.equal(200);
    expect(await page.locator('figure.picture-cover').count()).to.equal(1);
    await editor().locator('button', { hasText: 'Remove image' }).click();
    await answerDialog(page, 'confirm');
    await page.locator('figure.picture-cover').waitFor({ state: 'detached' });
    await editor().locator('.media-state', { hasText: 'No picture yet.' }).waitFor();
    expect(await status(editMedia)).to.equal(404);
    expect(await editor().locator('button', { hasText: 'Remove image' }).count()).to.equal(0);
  });

  it('asks before deleting: Escape and Cancel keep the recipe, focus returns to the button, Delete deletes', async () => {
    const remove = page.locator('#app form[data-template="delete"] button[type="submit"]');
    await remove.click();
    expect(await confirmDialog(page).locator('p').textContent()).to.include('“Fragile soufflé”');
    await keyboard.answer(page, 'cancel'); // Escape
    await confirmDialog(page).waitFor({ state: 'detached' });
    expect(await remove.evaluate((b) => b === document.activeElement)).to.equal(true);
    await remove.click();
    await answerDialog(page, 'cancel');
    expect(await status(recipeUrl)).to.equal(200);
    await remove.click();
    await answerDialog(page, 'confirm', /^Delete the recipe\?$/);
    await page.waitForURL(`${suite.server.url}/recipes`);
    expect(await status(recipeUrl)).to.equal(404);
  });

  it('asks before logging out: Cancel keeps the session, Log out ends it', async () => {
    await page.locator('#session button.logout').click();
    await answerDialog(page, 'cancel', /^Log out\?$/);
    expect(await storedTokens(page)).to.not.equal(null);
    expect(await page.locator('#session .who').count()).to.equal(1);
    await page.locator('#session button.logout').click();
    await answerDialog(page, 'confirm');
    await page.locator('#session summary', { hasText: 'Log in' }).waitFor();
    expect(await storedTokens(page)).to.equal(null);
    expect(watch.problems()).to.deep.equal([]);
  });
});
