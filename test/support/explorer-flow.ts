import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { newCredentials } from './accounts.ts';
import type { Actor } from './explorer-actors.ts';
import { signUpAndLogIn } from './explorer-flow-account.ts';
import { expectNoAxeViolations, expectPeoplesWords } from './explorer-checks.ts';
import { expectFocusOnHeading, expectNoSidewaysScroll, expectNoTokenShown, screenshot, storedTokens } from './explorer-page.ts';
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
 * emailed link, log in, write a recipe from the header, reload it, publish, add a cover, search,
 * sort, page, edit with a mistake, delete (cancelling once), log out. Every step checks that the
 * page fits the viewport, shows no token, no JSON, status line or API field name, logged no
 * error and has no axe violation, and saves a screenshot of what the person sees.
 */
export async function firstHour({ server, page, watch, actor, word }: FlowRun): Promise<void> {
  const width = page.viewportSize()!.width;
  const you = newCredentials('flow');
  const name = `${word} soup`;
  let shot = 0;
  const check = async (step: string, allowed: number[] = []) => {
    await expectNoSidewaysScroll(page, step);
    await expectNoTokenShown(page, step);
    await expectPeoplesWords(page, step);
    expect(watch.problems(allowed), step).to.deep.equal([]);
    await screenshot(page, `flow-${actor.name}-${width}-${String(++shot).padStart(2, '0')}-${step}`, false);
    await expectNoAxeViolations(page, step);
  };
  const form = (template: string) => page.locator(`#app form[data-template="${template}"]`).first();
  const heading = (text: string) => page.locator('#app h1', { hasText: text }).waitFor();
  const notice = (text: string | RegExp) => page.locator('#notice .message-text', { hasText: text }).waitFor();
  const images: string[] = [];
  page.on('request', (request) => { if (request.resourceType() === 'image' || /\/images\//.test(request.url())) images.push(new URL(request.url()).pathname); });

  await page.goto(`${server.url}/explorer`);
  await heading('Smilecook');
  await check('root');
  await signUpAndLogIn({ server, page, actor, you, check });

  await actor.press(page.locator('#session a.new-recipe', { hasText: 'New recipe' }));
  const create = form('create');
  await create.locator('[name="name"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('form')?.dataset.template === 'create'); // #create names it
  expect(await create.textContent(), 'nothing to clear on a new recipe').to.not.match(/empty to clear/);
  await actor.fill(create.locator('[name="name"]'), name);
  await actor.fill(create.locator('[name="num_of_servings"]'), '4');
  await actor.fill(create.locator('[name="cook_time"]'), '25');
  await check('new-recipe');
  await actor.press(create.locator('button[type="submit"]'));
  await heading(name);
  await notice(`“${name}” created.`);
  await expectFocusOnHeading(page);
  await page.locator('.page-heading .badge-draft').waitFor();
  await check('draft');
  await page.reload(); // a reload (or a bookmark) of a draft shows it to its owner
  await heading(name);
  await page.locator('.page-heading .badge-draft').waitFor();
  await check('draft-reloaded');

  await actor.press(form('publish').locator('button[type="submit"]'));
  await page.locator('.page-heading .badge-published').waitFor();
  await notice('Published: everybody can see it now.');
  const editor = page.locator('form.media-editor');
  expect(await editor.locator('button', { hasText: 'Remove image' }).count(), 'nothing to remove yet').to.equal(0);
  const png = Buffer.from(await makeImage('png', 1200, 900));
  await actor.upload(editor.locator('input[type="file"]'), { name: 'cover.png', mimeType: 'image/png', buffer: png });
  await actor.press(editor.locator('button[type="submit"]'));
  await page.waitForFunction(() => ((document.querySelector('figure.picture-cover img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
  await editor.locator('button', { hasText: 'Remove image' }).waitFor();
  await check('cover');

  await actor.fill(page.locator('#find input[name="q"]'), word);
  await actor.press(page.locator('#find button[type="submit"]'));
  await heading(`matching “${word}”`);
  const folded = page.locator('.results-panel details.search-details');
  const open = await folded.evaluate((details) => (details as HTMLDetailsElement).open);
  expect(open, 'search form open on a wide screen, folded on a phone').to.equal(width > 640);
  if (!open) await actor.press(folded.locator('summary'));
  const search = page.locator('form#results-search');
  expect(await search.locator('[name="q"]').inputValue(), 'the form shows the query').to.equal(word);
  await actor.choose(search.locator('[name="sort"]'), 'cook_time');
  await actor.choose(search.locator('[name="order"]'), 'asc');
  await actor.fill(search.locator('[name="per_page"]'), '1');
  await check('search-form');
  await actor.press(search.locator('button[type="submit"]'));
  await page.waitForURL((url) => url.searchParams.get('sort') === 'cook_time' && url.searchParams.get('per_page') === '1');
  await heading(`matching “${word}”`);
  expect(Object.fromEntries(new URL(page.url()).searchParams)).to.include({ q: word, sort: 'cook_time', order: 'asc', per_page: '1' });
  expect(await page.locator('.pager-top [data-rel="prev"]').getAttribute('aria-disabled')).to.equal('true');
  await check('search');
  images.length = 0;
  await actor.press(page.locator('.pager-top a[data-rel="next"]'));
  await page.waitForURL(/[?&]page=2(&|$)/);
  const card = page.locator('.results-panel li.card', { hasText: name });
  await page.waitForFunction(() => ((document.querySelector('li.card img.card-thumb') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
  expect(await card.locator('.fact-servings').textContent()).to.equal('4 servings');
  const thumbnails = images.filter((path) => path.startsWith('/images/'));
  const small = thumbnails.length > 0 && thumbnails.every((p) => p.endsWith('-preview.webp'));
  expect(small, `the thumbnail is the small preview: ${thumbnails.join(', ')}`).to.equal(true);
  await check('page-2');
  await actor.press(card.locator('a.card-link'));
  await heading(name);

  const edit = form('edit');
  await actor.fill(edit.locator('[name="name"]'), '');
  const [sent] = await Promise.all([page.waitForRequest((r) => r.method() === 'PATCH'), actor.press(edit.locator('button[type="submit"]'))]);
  expect(JSON.parse(sent.postData()!), 'the emptied name is sent').to.include({ name: '' });
  const error = edit.locator('[data-field="name"] .field-error');
  await error.waitFor();
  expect(await error.textContent(), 'the error under the field, by its label').to.match(/^Name /);
  expect(await edit.locator('[name="name"]').evaluate((input) => input === document.activeElement), 'focus on the field to fix').to.equal(true);
  await check('edit-mistake', [422]);
  await actor.fill(edit.locator('[name="name"]'), `${name} with basil`);
  await actor.press(edit.locator('button[type="submit"]'));
  await heading(`${name} with basil`);
  await notice('Changes saved.');
  await check('edited', [422]);

  const listUrl = await page.evaluate(() => sessionStorage.getItem('smilecook.explorer.last-list'));
  const recipeUrl = page.url();
  const remove = form('delete').locator('button[type="submit"]');
  await actor.press(remove);
  await check('confirm-delete', [422]);
  await actor.answer(page, 'cancel');
  expect(await remove.evaluate((b) => b === document.activeElement), 'focus back on Delete').to.equal(true);
  await actor.press(remove);
  await actor.answer(page, 'confirm');
  await page.waitForURL(listUrl!); // back to the list it came from
  await notice(`“${name} with basil” deleted.`);
  const { access_token: token } = (await storedTokens(page))!;
  expect((await server.fetch(recipeUrl, { headers: { Authorization: `Bearer ${token}` } })).status).to.equal(404);
  await check('deleted', [422]);

  await actor.press(page.locator('#session .who a')); // their own page, where the password changes
  const change = form('change-password');
  const password = `${you.password} changed`;
  await actor.fill(change.locator('[name="current_password"]'), you.password);
  await actor.fill(change.locator('[name="new_password"]'), password);
  await actor.press(change.locator('button[type="submit"]'));
  await notice('Your password is changed.');
  await check('password-changed', [422]);

  await actor.press(page.locator('#session button.logout'));
  await actor.answer(page, 'confirm');
  await page.locator('#session summary', { hasText: 'Log in' }).waitFor();
  await notice('You are logged out.');
  expect(await storedTokens(page)).to.equal(null);
  expect((await server.fetch('/', { headers: { Authorization: `Bearer ${token}` } })).status).to.equal(401);
  await check('logged-out', [422]);
}
