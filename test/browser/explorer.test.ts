import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { PageWatch } from '../support/browser.ts';
import { screenshot } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';

describe('explorer: the HTML HAL browser (API.md §9)', () => {
  const suite = explorerSuite({ developer: true }); // these tests look at the HTTP: statuses, relations, headers

  describe('over plain HTTP', () => {
    it('serves /explorer as HTML under a CSP that allows only its own scripts', async () => {
      const res = await suite.server.fetch('/explorer');
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).to.match(/script-src 'self'(;|$)/);
      expect(await res.text()).to.match(/<script type="module" src="\/explorer\/explorer\.js"><\/script>/);
    });

    it('serves the stylesheet and every module the explorer imports, with their content types', async () => {
      expect((await suite.server.fetch('/explorer/explorer.css')).headers.get('content-type')).to.equal('text/css; charset=utf-8');
      const pending = ['explorer.js'];
      const served = new Set<string>();
      while (pending.length > 0) {
        const name = pending.pop()!;
        if (served.has(name)) continue;
        const res = await suite.server.fetch(`/explorer/${name}`);
        expect(res.status, name).to.equal(200);
        expect(res.headers.get('content-type'), name).to.equal('text/javascript; charset=utf-8');
        served.add(name);
        for (const [, imported] of (await res.text()).matchAll(/from '\.\/([\w.-]+\.js)'/g)) pending.push(imported!);
      }
      expect(served.size).to.be.greaterThan(5);
      expect((await suite.server.fetch('/explorer/nothing.js')).status).to.equal(404);
    });

    it('answers text/html on "/" with the same page, negotiated (Vary: Accept)', async () => {
      const explorer = await (await suite.server.fetch('/explorer')).text();
      const res = await suite.server.fetch('/', { headers: { Accept: 'text/html' } });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/html; charset=utf-8');
      expect(res.headers.get('vary')).to.match(/Accept/);
      expect(await res.text()).to.equal(explorer);
    });
  });

  describe('in a browser', function () {
    this.timeout(60_000); // a loaded CI machine renders slowly
    let page: Page;
    let watch: PageWatch;
    beforeEach(async () => {
      ({ page, watch } = await suite.blank({ width: 1200, height: 900 }));
    });

    const linkRow = (rel: string) => page.locator(`.links-panel tr[data-rel="${rel}"]`).first();
    const property = (name: string) => page.locator(`.properties-panel tr[data-property="${name}"] td`).first();

    it('renders the entry point at /explorer: properties, links, templates, headers', async () => {
      await page.goto(`${suite.server.url}/explorer`);
      await page.locator('h1', { hasText: 'Smilecook' }).waitFor();
      expect(await property('title').textContent()).to.equal('Smilecook');
      expect(await property('version').textContent()).to.match(/^\d+\.\d+\.\d+$/);
      for (const rel of ['self', 'recipes', 'search', 'user', 'explorer']) expect(await linkRow(rel).count(), rel).to.equal(1);
      expect(await page.locator('.status').first().textContent()).to.match(/^GET \/ → 200/);
      expect(await page.locator('.headers th', { hasText: 'ETag' }).count()).to.equal(1);
      for (const name of ['register', 'login', 'resend-activation', 'refresh']) {
        expect(await page.locator(`form[data-template="${name}"]`).count(), name).to.be.greaterThan(0);
      }
      expect(await page.locator('.templates-panel form[data-template="logout"]').count()).to.equal(0);
      expect(page.url()).to.equal(`${suite.server.url}/explorer`);
      await screenshot(page, 'explorer-root');
      expect(watch.problems()).to.deep.equal([]);
    });

    it('follows links in-page with pushState, fills templated links, and goes back', async () => {
      await page.goto(`${suite.server.url}/explorer`);
      await linkRow('recipes').locator('a.follow').click();
      await page.waitForURL(`${suite.server.url}/recipes`);
      await page.locator('.status', { hasText: 'GET /recipes → 200' }).waitFor();
      expect(await property('page').textContent()).to.equal('1');

      // A collection shows its search form with its results; the links table points there.
      await linkRow('search').locator('button.jump').click();
      const search = page.locator('form#results-search');
      expect(await search.locator('input[name="q"]').evaluate((input) => input === document.activeElement)).to.equal(true);
      await search.locator('input[name="q"]').fill('soup');
      await search.locator('input[name="per_page"]').fill('5');
      await search.locator('button', { hasText: 'Search' }).click();
      await page.waitForURL((url) => url.pathname === '/recipes' && url.searchParams.get('q') === 'soup' && url.searchParams.get('per_page') === '5');
      await page.locator('.exchange-panel .status', { hasText: /\/recipes\?q=soup.*per_page=5.* → 200/ }).waitFor();

      await page.goBack();
      await page.waitForURL(`${suite.server.url}/recipes`);
      await page.locator('.status', { hasText: 'GET /recipes → 200' }).waitFor();
      await page.goBack();
      await page.locator('h1', { hasText: 'Smilecook' }).waitFor();
      expect(watch.problems()).to.deep.equal([]);
    });

    it('renders the resource at its own URL when a browser asks a resource for text/html', async () => {
      const res = await page.goto(`${suite.server.url}/recipes?per_page=3`);
      expect(res!.headers()['content-type']).to.equal('text/html; charset=utf-8');
      await page.locator('.status', { hasText: 'GET /recipes?per_page=3 → 200' }).waitFor();
      expect(await property('per_page').textContent()).to.equal('3');
      expect(watch.problems()).to.deep.equal([]);
    });

    it('fits a narrow screen without horizontal scrolling', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${suite.server.url}/explorer`);
      await page.locator('h1', { hasText: 'Smilecook' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).to.equal(true);
      await screenshot(page, 'explorer-narrow', false);
      expect(watch.problems()).to.deep.equal([]);
    });

    it('shows a problem for a missing resource', async () => {
      await page.goto(`${suite.server.url}/explorer`);
      await linkRow('user').locator('input[name="username"]').fill('no body/here');
      await linkRow('user').locator('button').click();
      await page.waitForURL(`${suite.server.url}/users/no%20body%2Fhere`);
      await page.locator('.problem-panel .problem-title', { hasText: 'Not found' }).waitFor();
      expect(watch.problems([404])).to.deep.equal([]);
    });
  });
});

// A separate server (one at a time: the embedded test database takes one connection).
describe('explorer: with PUBLIC_BASE_URL on another origin', function () {
  this.timeout(60_000);
  const suite = explorerSuite({ env: { PUBLIC_BASE_URL: 'http://api.example' }, developer: true });

  it('shows the absolute hrefs and follows them on the origin it was loaded from', async () => {
    const { page, watch } = await suite.blank();
    await page.goto(`${suite.server.url}/explorer`);
    const recipes = page.locator('.links-panel tr[data-rel="recipes"]');
    expect(await recipes.locator('.href').textContent()).to.equal('http://api.example/recipes');
    await recipes.locator('a.follow').click();
    await page.waitForURL(`${suite.server.url}/recipes`);
    await page.locator('.status', { hasText: 'GET /recipes → 200' }).waitFor();
    expect(await page.locator('.links-panel tr[data-rel="self"] .href').textContent()).to.equal('http://api.example/recipes');
    expect(watch.problems()).to.deep.equal([]);
  });
});
