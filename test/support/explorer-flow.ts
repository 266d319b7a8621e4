import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { newCredentials } from './accounts.ts';
import type { Actor } from './explorer-actors.ts';
import { signUpAndLogIn } from './explorer-flow-account.ts';
import {
  expectFocusOnHeading, expectNoSidewaysScroll, expectNoTokenShown, screenshot, storedTokens,
} from './explorer-page.ts';
import type { PageWatch } from './browser.ts';
import { makeImage } from './images.ts';
import type { TestServer } from './test-server.ts';

export interface FlowRun {
  server: TestServer;
  page: Page;
  watch: PageWatch;
  actor: Actor;
  /** A word that one other published recipe (cook time 10) has in its name: the search finds two. */
  word: string;
}

/**
 * A person's first hour, in the explorer only, starting at /explorer: register, activate by the
 * emailed link, log in, write, find the draft, publish, add a cover, search, page, unpublish,
 * delete (cancelling once), log out. Every step checks the page fits the viewport, shows no
 * token and logged no error, and saves a screenshot of what the person sees.
 */
export async function firstHour({ server, page, watch, actor, word }: FlowRun): Promise<void> {
  const width = page.viewportSize()!.width;
  const you = newCredentials('flow');
  const name = `${word} soup`;
  let shot = 0;
  const check = async (step: string) => {
    await expectNoSidewaysScroll(page, step);
    await expectNoTokenShown(page, step);
    expect(watch.problems(), step).to.deep.equal([]);
    await screenshot(page, `flow-${actor.name}-${width}-${String(++shot).padStart(2, '0')}-${step}`, false);
  };
  const form = (template: string) => page.locator(`#app form[data-template="${template}"]`).first();
  const link = (rel: string) => page.locator(`.links-panel tr[data-rel="${rel}"] a.follow`).first();
  const heading = (text: string) => page.locator('h1', { hasText: text }).waitFor();

  await page.goto(`${server.url}/explorer`);
  await heading('Smilecook');
  await check('root');

  await signUpAndLogIn({ server, page, actor, you, check });

  await actor.press(link('recipes'));
  await heading('Published recipes');
  await expectFocusOnHeading(page);
  const create = form('create');
  await actor.fill(create.locator('[name="name"]'), name);
  await actor.fill(create.locator('[name="num_of_servings"]'), '4');
  await actor.fill(create.locator('[name="cook_time"]'), '25');
  await actor.press(create.locator('button[type="submit"]'));
  await heading(name);
  await expectFocusOnHeading(page);
  await page.locator('.page-heading .badge-draft').waitFor();
  await check('draft');

  await actor.press(page.locator('#session a.drafts'));
  await heading(`${you.username}'s drafts`);
  const draftCard = page.locator('.results-panel li.card', { hasText: name });
  expect(await draftCard.locator('.badge-draft').textContent()).to.equal('Draft');
  expect(await draftCard.locator('.fact-cook-time').textContent()).to.equal('25 min');
  await check('drafts');
  await actor.press(draftCard.locator('a.card-link'));
  await heading(name);

  await actor.press(form('publish').locator('button[type="submit"]'));
  await page.locator('.page-heading .badge-published').waitFor();
  const editor = page.locator('form.media-editor');
  expect(await editor.locator('button', { hasText: 'Remove image' }).count(), 'nothing to remove yet').to.equal(0);
  const png = Buffer.from(await makeImage('png', 120, 90));
  await actor.upload(editor.locator('input[type="file"]'), { name: 'cover.png', mimeType: 'image/png', buffer: png });
  await actor.press(editor.locator('button[type="submit"]'));
  await page.waitForFunction(() => ((document.querySelector('figure.picture-cover img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
  await editor.locator('button', { hasText: 'Remove image' }).waitFor();
  await check('cover');

  await actor.press(link('collection'));
  await heading('Published recipes');
  // On a phone the results come first and the search form is folded; on a wide screen it is open.
  const folded = page.locator('.results-panel details.search-details');
  const open = await folded.evaluate((details) => (details as HTMLDetailsElement).open);
  expect(open, 'search form open').to.equal(width > 640);
  if (!open) await actor.press(folded.locator('summary'));
  const search = page.locator('form#results-search');
  await actor.fill(search.locator('[name="q"]'), word);
  await actor.choose(search.locator('[name="sort"]'), 'cook_time');
  await actor.choose(search.locator('[name="order"]'), 'asc');
  await actor.fill(search.locator('[name="per_page"]'), '1');
  await actor.press(search.locator('button[type="submit"]'));
  await heading(`Published recipes matching “${word}”`);
  expect(new URL(page.url()).search).to.equal(`?q=${word}&sort=cook_time&order=asc&per_page=1`);
  expect(await search.locator('[name="sort"]').inputValue(), 'the form shows the query').to.equal('cook_time');
  expect(await page.locator('.pager-top [data-rel="prev"]').getAttribute('aria-disabled')).to.equal('true');
  await check('search');
  await actor.press(page.locator('.pager-top a[data-rel="next"]'));
  await page.waitForURL(/[?&]page=2(&|$)/);
  const card = page.locator('.results-panel li.card', { hasText: name });
  await page.waitForFunction(() => ((document.querySelector('li.card img.card-thumb') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
  expect(await card.locator('.fact-servings').textContent()).to.equal('4 servings');
  await check('page-2');
  await actor.press(card.locator('a.card-link'));
  await heading(name);

  await actor.press(form('unpublish').locator('button[type="submit"]'));
  await page.locator('.page-heading .badge-draft').waitFor();
  const recipeUrl = page.url();
  const remove = form('delete').locator('button[type="submit"]');
  await actor.press(remove);
  await check('confirm-delete');
  await actor.answer(page, 'cancel');
  expect(await remove.evaluate((b) => b === document.activeElement), 'focus back on Delete').to.equal(true);
  await actor.press(remove);
  await actor.answer(page, 'confirm');
  await page.waitForURL(`${server.url}/recipes`);
  const { access_token: token } = (await storedTokens(page))!;
  expect((await server.fetch(recipeUrl, { headers: { Authorization: `Bearer ${token}` } })).status).to.equal(404);

  await actor.press(page.locator('#session button.logout'));
  await actor.answer(page, 'confirm');
  await page.locator('#session summary', { hasText: 'Log in' }).waitFor();
  expect(await storedTokens(page)).to.equal(null);
  expect((await server.fetch('/', { headers: { Authorization: `Bearer ${token}` } })).status).to.equal(401);
  await check('logged-out');
}
