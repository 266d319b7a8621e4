import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { createUser, type TestUser } from '../support/accounts.ts';
import { launchBrowser, watchPage, type PageWatch } from '../support/browser.ts';
import { publishedRecipe, send } from '../support/recipes.ts';
import { freePort } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * HAL Explorer's release build is a static site: its gh-pages branch holds it (release/hal-explorer).
 * The tests read it from a snapshot of toedter/hal-explorer on this machine (nothing is committed or
 * downloaded); without the snapshot the test is skipped and says so.
 */
const SNAPSHOT = process.env.HAL_EXPLORER_GIT_DIR ?? '/work/.mirror/toedter+hal-explorer/repo';
const SCREENSHOTS = path.resolve(import.meta.dirname, '../screenshots');
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.svg': 'image/svg+xml',
};

/** Extracts the release build from the snapshot into a temporary directory and serves it (a static site on its own origin). */
async function serveRelease(dir: string): Promise<http.Server> {
  const archive = path.join(dir, 'release.tar');
  execFileSync('git', ['--git-dir', SNAPSHOT, 'archive', '--format=tar', '-o', archive, 'gh-pages', 'release/hal-explorer']);
  execFileSync('tar', ['-xf', archive, '-C', dir]);
  const root = path.join(dir, 'release', 'hal-explorer');
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, name === '/' ? 'index.html' : name);
    if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * API.md §1, §2, §9: the external HAL Explorer (its release, in Chromium, from another origin, with
 * PUBLIC_BASE_URL and CORS_ORIGINS set) renders the `search` form with select lists for sort, order
 * and visibility, labelled by the prompts, the current values preselected, and sends a GET with the
 * values in the query — without a script error. Screenshots: test/screenshots/hal-explorer-*.png.
 */
describe('HAL Explorer (toedter/hal-explorer release) on the API: the search form with select lists', () => {
  let dir: string;
  let site: http.Server;
  let server: TestServer;
  let browser: Browser;
  let cook: TestUser;
  let explorer: string;

  before(async function () {
    if (!existsSync(SNAPSHOT)) {
      console.log(`      (skipped: no snapshot of toedter/hal-explorer at ${SNAPSHOT}; set HAL_EXPLORER_GIT_DIR to its git directory)`);
      this.skip();
      return;
    }
    dir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-hal-explorer-'));
    site = await serveRelease(dir);
    explorer = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const port = await freePort();
    server = await startTestServer({
      env: { PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, CORS_ORIGINS: explorer, RATE_LIMIT_EXEMPT: '127.0.0.1' },
    });
    cook = await createUser(server);
    await publishedRecipe(cook, { name: 'Explorer soup', cook_time: 15, num_of_servings: 2 });
    await publishedRecipe(cook, { name: 'Explorer stew', cook_time: 80, num_of_servings: 5 });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens HAL Explorer on `uri`, then the `search` template's request dialog. */
  async function openSearch(uri: string): Promise<{ page: Page; watch: PageWatch }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const watch = await watchPage(page);
    // HAL Explorer loads its theme from bootswatch.com, which this machine cannot reach: an empty theme (its bundled Bootstrap stays).
    await page.route('https://bootswatch.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
    await page.goto(`${explorer}/#uri=${uri}`);
    await page.locator('h5', { hasText: 'HAL-FORMS Template Elements' }).waitFor();
    // The template's row (the link of the same name has a row of five method buttons).
    const rows = page.locator('tr', { has: page.locator('td', { hasText: /^search$/ }) });
    await rows.filter({ hasNot: page.locator('button[title="POST Request"]') }).locator('button').click();
    await page.locator('#httpRequestModal.show').waitFor();
    return { page, watch };
  }
  const optionsOf = (page: Page, name: string) => page.locator(`#request-option-${name} option`).allTextContents().then((texts) => texts.map((t) => t.trim()));

  it('on the root: prompts as labels, sort and order as select lists with the default preselected, a GET with the values in the query', async () => {
    const { page, watch } = await openSearch(server.root);
    const dialog = page.locator('#httpRequestModal');
    for (const label of ['Words to search for', 'Sort by', 'Order', 'Recipes per page']) {
      expect(await dialog.getByText(label, { exact: true }).count(), label).to.be.greaterThan(0);
    }
    expect(await optionsOf(page, 'sort')).to.include.members(['Newest first', 'Cook time', 'Servings']);
    expect(await optionsOf(page, 'order')).to.include.members(['Descending (newest, longest, most first)', 'Ascending (oldest, shortest, fewest first)']);
    expect(await page.locator('#request-option-order').inputValue()).to.equal('desc');
    await page.locator('#request-input-q').fill('stew');
    await page.locator('#request-option-sort').selectOption('cook_time');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hal-explorer-search-root.png') });
    const expanded = (await page.locator('#request-input-expanded-uri').textContent())!.trim();
    expect(new URL(expanded).pathname).to.equal('/recipes');
    expect(Object.fromEntries(new URL(expanded).searchParams)).to.deep.include({ q: 'stew', sort: 'cook_time', order: 'desc' });
    await page.locator('#requestDialogGoButton').click();
    await page.locator('h5', { hasText: 'Embedded Resources' }).waitFor();
    expect(await page.locator('#InputApiUri').inputValue()).to.include('q=stew');
    expect(await page.content()).to.include('Explorer stew');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hal-explorer-search-result.png'), fullPage: true });
    expect(watch.problems()).to.deep.equal([]);
  });

  it('on a user\'s list, as found by links: visibility as a select list too, the current query preselected', async () => {
    const recipes = (await send(server, 'GET', server.root, null)).body._links.recipes.href;
    const author = (await send(server, 'GET', recipes, null)).body._embedded.item[0]._links.author.href;
    const list = (await send(server, 'GET', author, null)).body._links.recipes.href as string;
    const { page, watch } = await openSearch(`${list}?sort=num_of_servings&order=asc`);
    expect(await optionsOf(page, 'visibility'))
      .to.include.members(['Published recipes', 'All recipes, drafts too (the owner only)', 'Drafts only (the owner only)']);
    expect(await page.locator('#request-option-sort').inputValue()).to.equal('num_of_servings');
    expect(await page.locator('#request-option-order').inputValue()).to.equal('asc');
    expect(await page.locator('#request-option-visibility').inputValue()).to.equal('public');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hal-explorer-search-user-list.png') });
    expect(watch.problems()).to.deep.equal([]);
  });
});
