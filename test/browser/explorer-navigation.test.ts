import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ACCOUNT_TEST_ENV, type TestUser } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { expectNoAxeViolations, expectPeoplesWords } from '../support/explorer-checks.ts';
import { expectNoSidewaysScroll, logInThroughHeader, screenshot } from '../support/explorer-page.ts';
import { createRecipe } from '../support/recipes.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import type { TestServer } from '../support/test-server.ts';

const VIEWPORTS = [{ width: 1280, height: 900 }, { width: 390, height: 844 }];

describe('explorer: a reload or a bookmark of any URL shows a page, never raw JSON (API.md §9)', function () {
  this.timeout(90_000);
  const suite = explorerSuite({ env: ACCOUNT_TEST_ENV, users: 1 });
  let server: TestServer;
  let alice: TestUser;
  let draft: string;
  before(async () => {
    server = suite.server;
    alice = suite.users[0]!;
    draft = new URL(await createRecipe(alice, { name: 'Secret stew', cook_time: 90 }), server.url).pathname;
  });

  for (const viewport of VIEWPORTS) {
    describe(`at ${viewport.width} px`, () => {
      let page: Page;
      let watch: PageWatch;
      beforeEach(async () => {
        ({ page, watch } = await suite.blank(viewport));
      });

      const heading = () => page.locator('#app h1').textContent();
      const shows = async (step: string, allowed: number[]) => {
        await expectNoSidewaysScroll(page, step);
        await expectPeoplesWords(page, step);
        expect(watch.problems(allowed), step).to.deep.equal([]);
        await screenshot(page, `navigation-${viewport.width}-${step}`, false);
        await expectNoAxeViolations(page, step);
      };

      it('shows the owner their draft after a reload, and a stranger a page that offers to log in', async () => {
        await page.goto(`${server.url}${draft}`);
        await page.locator('#app h1', { hasText: 'Nothing here' }).waitFor();
        expect(await page.locator('.problem-panel').textContent()).to.match(/log in to see it/);
        await shows('draft-logged-out', [404]);
        await page.locator('.problem-actions button', { hasText: 'Log in' }).click();
        const login = page.locator('#session form[data-template="login"]');
        await login.locator('[name="username"]').fill(alice.username);
        await login.locator('[name="password"]').fill(alice.password);
        await login.locator('button[type="submit"]').click();
        await page.locator('#app h1', { hasText: 'Secret stew' }).waitFor(); // the same URL, loaded again as alice
        expect(new URL(page.url()).pathname).to.equal(draft);
        await page.reload();
        await page.locator('#app h1', { hasText: 'Secret stew' }).waitFor();
        await page.locator('.page-heading .badge-draft').waitFor();
        expect(await page.title()).to.equal('Secret stew · Smilecook');
        await shows('draft-reloaded', [404]);
      });

      it('shows /me as the person\'s own page, and a 401 page that logs in and comes back when logged out', async () => {
        await page.goto(`${server.url}/me`);
        await page.locator('#app h1', { hasText: 'Please log in' }).waitFor();
        await shows('me-logged-out', [401]);
        await logInThroughHeader(page, alice.username, alice.password);
        await page.locator('#app h1', { hasText: alice.username }).waitFor();
        await page.reload();
        expect(await heading()).to.equal(alice.username);
        await shows('me', [401]);
      });

      it('says what happened on an unknown recipe and an unknown path, and what to do next', async () => {
        for (const [step, path] of [['unknown-recipe', '/recipes/987654'], ['unknown-path', '/no/such/page'], ['not-a-page', '/tokens']] as const) {
          await page.goto(`${server.url}${path}`);
          await page.locator('#app .problem-panel').waitFor();
          expect(await page.locator('html').getAttribute('lang')).to.equal('en');
          expect(await page.title()).to.match(/ · Smilecook$/);
          expect(await page.locator('.problem-actions button', { hasText: 'Go to the home page' }).count()).to.equal(1);
          await shows(step, [404, 405]);
        }
        await page.locator('.problem-actions button', { hasText: 'Go to the home page' }).click();
        await page.locator('#app h1', { hasText: 'Smilecook' }).waitFor();
        expect(new URL(page.url()).pathname).to.equal('/');
      });

      it('names the tab after the page and has an icon', async () => {
        await page.goto(`${server.url}/explorer`);
        await page.locator('#app h1', { hasText: 'Smilecook' }).waitFor();
        expect(await page.title()).to.equal('Smilecook');
        const icon = await page.locator('link[rel="icon"]').getAttribute('href');
        expect((await server.fetch(icon!)).headers.get('content-type')).to.equal('image/svg+xml');
      });
    });
  }

  {
    it('reaches "Log in" first from the top of the page by keyboard, after the skip link', async () => {
      const { page } = await suite.blank({ width: 1280, height: 900 });
      await page.goto(`${server.url}/recipes`);
      await page.locator('#app h1').waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Skip to content');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Log in');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Create an account');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter'); // the skip link
      expect(await page.evaluate(() => document.activeElement?.tagName)).to.equal('H1');
    });
  }
});
