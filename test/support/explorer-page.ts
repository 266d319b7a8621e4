import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Browser, Locator, Page } from 'playwright-core';
import { watchPage, type PageWatch } from './browser.ts';

/** Screenshots of browser tests: inside the repository (gitignored), to be looked at after a run. */
export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** The tokens the explorer keeps for this tab (sessionStorage), or null. */
export function storedTokens(page: Page): Promise<{ access_token: string; refresh_token: string } | null> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('smilecook.explorer.tokens') ?? 'null'));
}

/** The open confirmation dialog (explorer-confirm). */
export const confirmDialog = (page: Page): Locator => page.locator('dialog.confirm[open]');

/** Answers the confirmation dialog with a click, after checking it asks what `title` says. */
export async function answerDialog(page: Page, answer: 'confirm' | 'cancel', title?: RegExp): Promise<void> {
  const dialog = confirmDialog(page);
  await dialog.waitFor();
  if (title) expect(await dialog.locator('h2').textContent()).to.match(title);
  await dialog.locator(`button[data-answer="${answer}"]`).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Nothing scrolls sideways: the page is no wider than the viewport. */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scrollWidth, `${where}: page width at a ${width} px viewport`).to.be.at.most(width);
}

/** Logs in with the header's login popover (the `login` template of the entry point). */
export async function logInThroughHeader(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#session summary', { hasText: 'Log in' }).click();
  const login = page.locator('#session form[data-template="login"]');
  await login.locator('[name="username"]').fill(username);
  await login.locator('[name="password"]').fill(password);
  await login.locator('button[type="submit"]').click();
  await page.locator('#session .who', { hasText: `Logged in as ${username}` }).waitFor();
}

/** No token in the page: not in its text (collapsed parts included), not in the value of any field (hidden ones included). */
export async function expectNoTokenShown(page: Page, where: string): Promise<void> {
  const tokens = await storedTokens(page);
  if (!tokens) return;
  const shown = await page.evaluate(() => [
    document.body.textContent ?? '',
    ...[...document.querySelectorAll('input, textarea')].map((field) => (field as HTMLInputElement).value),
  ]);
  for (const secret of [tokens.access_token, tokens.refresh_token]) {
    expect(shown.some((text) => text.includes(secret)), `${where}: a token is in the page`).to.equal(false);
  }
}

/** After an in-page navigation the focus is on the new page's heading (screen readers start there). */
export async function expectFocusOnHeading(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.activeElement?.tagName)).to.equal('H1');
}

/** A new page at /explorer, watched, logged in through the header as `user` (when given); in the developer view when asked. */
export async function explorerPage(
  browser: Browser, server: { url: string }, user?: { username: string; password: string }, viewport = { width: 1280, height: 900 },
  { developer = false } = {},
): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage({ viewport });
  if (developer) await page.addInitScript(() => localStorage.setItem('smilecook.explorer.view', 'developer'));
  const watch = await watchPage(page);
  await page.goto(`${server.url}/explorer`);
  await page.locator('h1', { hasText: 'Smilecook' }).waitFor();
  if (user) await logInThroughHeader(page, user.username, user.password);
  return { page, watch };
}

/** Opens a URI as a bookmark would (every URL of the API is the explorer for a browser: API.md §9); the tab's session stays. */
export async function goInPage(page: Page, uri: string): Promise<void> {
  await page.goto(new URL(uri, page.url()).href);
  await page.waitForURL((url) => url.pathname + url.search === uri);
  await page.locator('#app[aria-busy]').waitFor({ state: 'detached' });
  await page.locator('#app h1').waitFor();
}
