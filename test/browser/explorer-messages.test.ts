import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ACCOUNT_TEST_ENV, createUser, newCredentials } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { goInPage, screenshot } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import { createRecipe } from '../support/recipes.ts';

const OUTBOX_HINT = 'When the server has no mail server, the email is a file in the server\'s outbox folder (data/outbox by default).';

describe('explorer: answers are messages, and field errors go once the form succeeds', function () {
  this.timeout(60_000);
  const suite = explorerSuite({ env: ACCOUNT_TEST_ENV });
  let page: Page;
  let watch: PageWatch;

  const focused = (selector: string) => page.locator(selector).evaluate((el) => el === document.activeElement);

  it('puts a 422 next to the field, focuses it, and removes it when the corrected form is accepted (202 as a message)', async () => {
    ({ page, watch } = await suite.open());
    const you = newCredentials('msg');
    const register = page.locator('#app form[data-template="register"]');
    await register.locator('[name="username"]').fill(you.username);
    await register.locator('[name="email"]').fill(you.email);
    await register.locator('[name="password"]').fill('passwordpassword'); // long enough, but common
    await register.locator('button[type="submit"]').click();
    const error = register.locator('[data-field="password"] .field-error');
    await error.waitFor();
    expect(await error.textContent()).to.match(/common/);
    expect(await focused('#app form[data-template="register"] [name="password"]'), 'the focus on the field to fix').to.equal(true);
    await screenshot(page, 'messages-422');

    await register.locator('[name="password"]').fill(you.password);
    await register.locator('button[type="submit"]').click();
    const message = register.locator('.form-output .message-ok');
    await message.waitFor();
    expect(await register.locator('.field-error').count(), 'the error is gone').to.equal(0);
    expect(await register.locator('[aria-invalid]').count()).to.equal(0);
    expect(await suite.server.sql('select id from users where username = ?', [you.username]), 'the account exists').to.have.length(1);
    expect(await message.locator('.message-text').textContent()).to.match(/^Check your email/);
    expect(await message.locator('.message-hint').textContent()).to.include(OUTBOX_HINT);
    expect(await message.isVisible(), 'shown, not inside a collapsed body').to.equal(true);
    expect(await focused('#app form[data-template="register"] .message')).to.equal(true);
    await screenshot(page, 'messages-202');
    expect(watch.problems([422])).to.deep.equal([]);
  });

  it('shows the 202 of resend-activation as the same kind of message', async () => {
    ({ page, watch } = await suite.open());
    const resend = page.locator('#app form[data-template="resend-activation"]');
    await resend.locator('[name="email"]').fill(newCredentials('msg').email);
    await resend.locator('button[type="submit"]').click();
    await resend.locator('.form-output .message .message-hint', { hasText: OUTBOX_HINT }).waitFor();
    expect(await resend.locator('[name="email"]').inputValue(), 'the form is emptied').to.equal('');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('puts the server\'s detail of a 422 body next to the number it is about', async () => {
    const user = await createUser(suite.server);
    ({ page, watch } = await suite.open(user));
    await goInPage(page, new URL(await createRecipe(user, { name: 'Slow roast' }), suite.server.url).pathname);
    const edit = page.locator('#app form[data-template="edit"]');
    const cookTime = edit.locator('[name="cook_time"]');
    await cookTime.evaluate((input) => input.removeAttribute('max')); // past the browser's own check, to the server's
    await cookTime.fill('1441');
    await edit.locator('button[type="submit"]').click();
    const error = edit.locator('[data-field="cook_time"] .field-error');
    expect(await error.textContent(), 'named by its label').to.equal('Cook time (minutes) must be at most 1440');
    expect(await cookTime.getAttribute('aria-invalid')).to.equal('true');
    await cookTime.fill('1440');
    await edit.locator('button[type="submit"]').click();
    await page.locator('.page-heading .fact-cook-time', { hasText: '1440 min' }).waitFor();
    expect(await page.locator('#app .field-error').count()).to.equal(0);
    expect(watch.problems([422])).to.deep.equal([]);
  });
});
