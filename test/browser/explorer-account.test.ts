import { expect } from 'chai';
import { mailedLinkFor } from '../support/account-life.ts';
import { ACCOUNT_TEST_ENV, createUser, newCredentials, postJson, templateTarget, type TestUser } from '../support/accounts.ts';
import { keyboard, mouse } from '../support/explorer-actors.ts';
import { expectNoAxeViolations, expectPeoplesWords } from '../support/explorer-checks.ts';
import { expectNoSidewaysScroll, screenshot, storedTokens } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import { createRecipe, publishedRecipe } from '../support/recipes.ts';

/**
 * Every account flow of API.md §3a as pages, by mouse and by keyboard, at 1280 and 390 px: forgot
 * and reset the password, change it (after a mistake), change the email (confirmed by its link),
 * end another login from the list of sessions, and delete the account after a confirmation that
 * names what goes with it.
 */
for (const actor of [mouse, keyboard]) describe(`explorer: the account's life by ${actor.name}, at 1280 px and on a 390 × 844 phone`, function () {
  this.timeout(180_000);
  const suite = explorerSuite({ env: ACCOUNT_TEST_ENV });

  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    it(`forgets, resets, changes the password and the email, ends a login and deletes the account at ${viewport.width} px`, async () => {
      const { server } = suite;
      const you: TestUser = await createUser(server);
      await publishedRecipe(you, { name: 'Shared stew' });
      await createRecipe(you, { name: 'Secret stew' });
      const { page, watch } = await suite.blank(viewport);
      let shot = 0;
      const check = async (step: string, allowed: number[] = []) => {
        await expectNoSidewaysScroll(page, step);
        await expectPeoplesWords(page, step);
        expect(watch.problems(allowed), step).to.deep.equal([]);
        await screenshot(page, `account-${actor.name}-${viewport.width}-${String(++shot).padStart(2, '0')}-${step}`, false);
        await expectNoAxeViolations(page, step);
      };
      const notice = (text: string) => page.locator('#notice .message-text', { hasText: text }).waitFor();
      const form = (name: string) => page.locator(`#app form[data-template="${name}"]`).first();
      await page.goto(`${server.url}/explorer`);
      await page.locator('#app h1', { hasText: 'Smilecook' }).waitFor();

      // Forgot: from the login popover, the form the entry point offers, then the mailed link's page.
      await actor.press(page.locator('#session summary', { hasText: 'Log in' }));
      await actor.press(page.locator('#session a.forgot', { hasText: 'Forgot your password?' }));
      await page.waitForFunction(() => document.activeElement?.closest('form')?.dataset.template === 'forgot-password');
      await actor.fill(form('forgot-password').locator('[name="email"]'), you.email);
      await actor.press(form('forgot-password').locator('button[type="submit"]'));
      await form('forgot-password').locator('.form-output .message-ok').waitFor();
      await check('forgot');
      await page.goto(await mailedLinkFor(server, you.email, 'password-reset'));
      const reset = `a new passphrase for ${you.username}`;
      await actor.fill(page.locator('input[name="password"]'), reset);
      await actor.press(page.locator('button', { hasText: 'Set the new password' }));
      await page.locator('h1', { hasText: 'Your password was changed' }).waitFor();
      await actor.press(page.locator('a', { hasText: 'Go to Smilecook' }));
      await page.locator('#app h1', { hasText: 'Smilecook' }).waitFor();
      await actor.press(page.locator('#session summary', { hasText: 'Log in' }));
      const login = page.locator('#session form[data-template="login"]');
      await actor.fill(login.locator('[name="username"]'), you.username);
      await actor.fill(login.locator('[name="password"]'), reset);
      await actor.press(login.locator('button[type="submit"]'));
      await page.locator('#session .who', { hasText: you.username }).waitFor();

      // Change the password, with a mistake first.
      await actor.press(page.locator('#session .who a'));
      await page.locator('#app h1', { hasText: you.username }).waitFor();
      const change = form('change-password');
      const changed = `yet another passphrase ${you.username}`;
      await actor.fill(change.locator('[name="current_password"]'), 'not my password at all');
      await actor.fill(change.locator('[name="new_password"]'), changed);
      await actor.press(change.locator('button[type="submit"]'));
      const refused = change.locator('.form-output .message-error');
      await refused.waitFor();
      expect(await refused.evaluate((m) => m === document.activeElement), 'the focus on what went wrong').to.equal(true);
      await check('change-password-mistake', [403]);
      await actor.fill(change.locator('[name="current_password"]'), reset);
      await actor.fill(change.locator('[name="new_password"]'), changed);
      await actor.press(change.locator('button[type="submit"]'));
      await notice('Your password is changed.');
      await check('password-changed', [403]);

      // Change the email: a message, then the confirmation link's page, then the account shows it.
      const newEmail = newCredentials('moved').email;
      const email = form('change-email');
      await actor.fill(email.locator('[name="current_password"]'), changed);
      await actor.fill(email.locator('[name="new_email"]'), newEmail);
      await actor.press(email.locator('button[type="submit"]'));
      await email.locator('.form-output .message-ok').waitFor();
      await check('email-asked', [403]);
      await page.goto(await mailedLinkFor(server, newEmail, 'email-confirmation'));
      await actor.press(page.locator('button[type="submit"]').first());
      await page.locator('a', { hasText: 'Go to Smilecook' }).waitFor();
      await page.goto(`${server.url}/me`);
      await page.locator('.property-list [data-property="email"] dd', { hasText: newEmail }).waitFor();

      // Sessions: another login appears, and ends from the list.
      const other = await postJson(await templateTarget(server, 'login'), { username: you.username, password: changed });
      expect(other.status).to.equal(200);
      await actor.press(page.locator('.links-panel a.place', { hasText: 'Where you are logged in' }));
      const logins = page.locator('#app article.embedded-card');
      await logins.nth(1).waitFor();
      expect(await logins.count()).to.equal(2);
      await check('sessions', [403]);
      const notThisOne = logins.filter({ has: page.locator('[data-property="current"] dd', { hasText: 'No' }) });
      await actor.press(notThisOne.locator('form[data-template="revoke"] button'));
      await actor.answer(page, 'confirm');
      await notice('That login is ended.');
      await page.waitForFunction(() => document.querySelectorAll('#app article.embedded-card').length === 1);
      await check('session-ended', [403]);

      // Delete the account: the confirmation names what goes with it.
      await actor.press(page.locator('#session .who a'));
      const deletion = form('delete-account');
      await actor.fill(deletion.locator('[name="password"]'), changed);
      await actor.press(deletion.locator('button[type="submit"]'));
      const dialog = page.locator('dialog.confirm[open]');
      await dialog.waitFor();
      expect(await dialog.textContent()).to.include('your 2 recipes (1 draft among them)').and.include('cannot be undone');
      await check('delete-confirm', [403]);
      await actor.answer(page, 'confirm');
      await notice('Your account is deleted');
      await page.locator('#session summary', { hasText: 'Log in' }).waitFor();
      expect(await storedTokens(page)).to.equal(null);
      expect(new URL(page.url()).pathname).to.equal('/');
      await check('deleted', [403]);
      expect((await server.fetch(`/users/${you.username}`)).status).to.equal(404);
    });
  }
});
