import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { activationLinkFor } from './accounts.ts';
import type { Actor } from './explorer-actors.ts';
import type { TestServer } from './test-server.ts';

export interface AccountSteps {
  server: TestServer;
  page: Page;
  actor: Actor;
  you: { username: string; email: string; password: string };
  /** Checks the page and saves a screenshot of the step. */
  check(step: string): Promise<void>;
}

/**
 * The first minutes, from the explorer's entry point: "Create an account" beside "Log in" opens
 * the register form with the password rule shown before anything is sent, its 202 shown as the
 * message it is, the emailed activation link (read from the outbox, opened as a person opens it:
 * the server's HTML page with its button), back to the explorer, the login popover.
 */
export async function signUpAndLogIn({ server, page, actor, you, check }: AccountSteps): Promise<void> {
  await actor.press(page.locator('#session a.register', { hasText: 'Create an account' }));
  const register = page.locator('#app form[data-template="register"]');
  // The register form takes the focus once the page has loaded (the fragment #register names it).
  await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'username'
    && document.activeElement?.closest('form')?.dataset.template === 'register');
  expect(await register.locator('[data-field="password"] .field-hint').textContent(), 'the rule before a submit').to.match(/^15 to 256 characters\..*common passwords are refused/);
  await actor.fill(register.locator('[name="username"]'), you.username);
  await actor.fill(register.locator('[name="email"]'), you.email);
  await actor.fill(register.locator('[name="password"]'), you.password);
  await check('register');
  await actor.press(register.locator('button[type="submit"]'));
  const message = register.locator('.form-output .message-ok');
  await message.waitFor();
  expect(await message.textContent()).to.match(/Check your email/).and.match(/outbox folder \(data\/outbox by default\)/);
  expect(await message.evaluate((m) => m === document.activeElement), 'the message has the focus').to.equal(true);
  expect(await register.locator('[name="password"]').inputValue(), 'no password left behind').to.equal('');
  await check('registered');

  await page.goto(await activationLinkFor(server, you.email));
  await check('activation');
  await actor.press(page.locator('button', { hasText: 'Activate my account' }));
  await page.locator('h1', { hasText: 'Your account is active' }).waitFor();
  await actor.press(page.locator('a', { hasText: 'Go to Smilecook' }));
  await page.locator('h1', { hasText: 'Smilecook' }).waitFor();

  await actor.press(page.locator('#session summary', { hasText: 'Log in' }));
  const login = page.locator('#session form[data-template="login"]');
  await actor.fill(login.locator('[name="username"]'), you.username);
  await actor.fill(login.locator('[name="password"]'), you.password);
  await check('login');
  await actor.press(login.locator('button[type="submit"]'));
  await page.locator('#session .who', { hasText: `Logged in as ${you.username}` }).waitFor();
  await page.locator('#notice .message-text', { hasText: 'You are logged in.' }).waitFor();
  await check('logged-in');
}
