import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { createUser } from './support/accounts.ts';
import { launchBrowser, watchPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const ORIGIN = 'http://explorer.example';
const BASE = 'http://api.example';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const REQUEST_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Prefer', 'Idempotency-Key'];
const EXPOSED = ['Location', 'Content-Location', 'Link', 'ETag', 'Allow', 'RateLimit', 'RateLimit-Policy', 'Retry-After'];

const list = (header: string | null) => (header ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
const corsHeaders = (res: Response) => [...res.headers.keys()].filter((name) => name.startsWith('access-control-'));

function expectExposed(res: Response): void {
  expect(res.headers.get('access-control-allow-origin')).to.equal(ORIGIN);
  expect(list(res.headers.get('access-control-expose-headers'))).to.include.members(EXPOSED.map((h) => h.toLowerCase()));
  expect(list(res.headers.get('vary'))).to.include('origin');
}

describe('CORS for HAL Explorer on an allowed origin, with PUBLIC_BASE_URL (API.md §9)', () => {
  let server: TestServer;
  /** The server's own URL for an href on PUBLIC_BASE_URL (the test cannot resolve api.example). */
  const local = (href: string) => server.url + href.slice(BASE.length);
  let recipesHref: string;
  before(async function () {
    this.timeout(60_000);
    server = await startTestServer({ env: { CORS_ORIGINS: ORIGIN, PUBLIC_BASE_URL: BASE } });
    const root = await (await server.fetch('/', { headers: { Accept: 'application/hal+json' } })).json();
    recipesHref = root._links.recipes.href;
  });
  after(async () => {
    await server?.close();
  });

  const preflight = (url: string, origin = ORIGIN) => server.fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,content-type,if-match' },
  });

  it('answers a preflight with the allowed methods and headers and Vary: Origin', async () => {
    for (const url of [local(recipesHref), '/', '/no/such/resource']) {
      const res = await preflight(url);
      expect(res.status, url).to.equal(204);
      expect(res.headers.get('access-control-allow-origin')).to.equal(ORIGIN);
      expect(list(res.headers.get('access-control-allow-methods'))).to.have.members(METHODS.map((m) => m.toLowerCase()));
      expect(list(res.headers.get('access-control-allow-headers'))).to.have.members(REQUEST_HEADERS.map((h) => h.toLowerCase()));
      expect(list(res.headers.get('vary'))).to.include('origin');
      expect(res.headers.get('cache-control')).to.equal('no-store');
    }
  });

  it('lets the origin read a GET and its headers', async () => {
    const res = await server.fetch(local(recipesHref), { headers: { Origin: ORIGIN, Accept: 'application/prs.hal-forms+json, application/hal+json' } });
    expect(res.status).to.equal(200);
    expectExposed(res);
    expect(list(res.headers.get('vary'))).to.include.members(['accept', 'origin']);
    expect(res.headers.get('access-control-allow-credentials')).to.equal(null);
  });

  it('sends the CORS headers on problems too: 404, 401 with WWW-Authenticate, 405 with Allow', async () => {
    const missing = await server.fetch('/no/such/resource', { headers: { Origin: ORIGIN } });
    expect(missing.status).to.equal(404);
    expect(missing.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expectExposed(missing);
    expect(await missing.json()).to.include({ type: `${BASE}/problems/not-found`, instance: `${BASE}/no/such/resource` });

    const badToken = await server.fetch('/', { headers: { Origin: ORIGIN, Authorization: 'Bearer not-a-token' } });
    expect(badToken.status).to.equal(401);
    expectExposed(badToken);
    expect(list(badToken.headers.get('access-control-expose-headers'))).to.include('www-authenticate');

    const wrongMethod = await server.fetch('/', { method: 'DELETE', headers: { Origin: ORIGIN } });
    expect(wrongMethod.status).to.equal(405);
    expect(wrongMethod.headers.get('allow')).to.equal('GET, HEAD, OPTIONS');
    expectExposed(wrongMethod);
  });

  it('answers a plain OPTIONS with 204 and Allow', async () => {
    const res = await server.fetch('/', { method: 'OPTIONS', headers: { Origin: ORIGIN } });
    expect(res.status).to.equal(204);
    expect(res.headers.get('allow')).to.equal('GET, HEAD, OPTIONS');
    expect(res.headers.get('access-control-allow-origin')).to.equal(ORIGIN);
  });

  it('gives an origin that is not on the list no CORS headers at all', async () => {
    const get = await server.fetch('/', { headers: { Origin: 'http://evil.example' } });
    expect(get.status).to.equal(200);
    expect(corsHeaders(get)).to.deep.equal([]);
    expect(list(get.headers.get('vary'))).to.include('origin');
    const pre = await preflight('/', 'http://evil.example');
    expect(corsHeaders(pre)).to.deep.equal([]);
    const none = await server.fetch('/');
    expect(corsHeaders(none)).to.deep.equal([]);
  });

  it('makes every href, template target and Link header absolute on PUBLIC_BASE_URL', async () => {
    const res = await server.fetch('/', { headers: { Accept: 'application/prs.hal-forms+json' } });
    const root = await res.json();
    const hrefs = Object.values(root._links as Record<string, { href: string }>).map((link) => link.href);
    const targets = Object.values((root._templates ?? {}) as Record<string, { target: string }>).map((t) => t.target);
    expect(targets.length).to.be.greaterThan(0);
    for (const uri of [...hrefs, ...targets]) expect(uri.startsWith(`${BASE}/`), uri).to.equal(true);
    expect(res.headers.get('content-location')).to.equal(`${BASE}/`);
    expect(res.headers.get('link')).to.match(new RegExp(`^<${BASE}/schemas/root>; rel="profile"`));
  });
});

describe('CORS without CORS_ORIGINS', () => {
  let server: TestServer;
  before(async function () {
    this.timeout(60_000);
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('sends no CORS headers to any origin', async () => {
    const res = await server.fetch('/', { headers: { Origin: ORIGIN } });
    expect(res.status).to.equal(200);
    expect(corsHeaders(res)).to.deep.equal([]);
  });
});

describe('CORS in a browser: a page on another origin uses the API as HAL Explorer would', function () {
  this.timeout(60_000);
  let pageServer: http.Server;
  let pageOrigin: string;
  let server: TestServer;
  let browser: Browser;
  before(async function () {
    this.timeout(60_000);
    pageServer = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>other origin</title>'));
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    pageOrigin = `http://localhost:${(pageServer.address() as AddressInfo).port}`;
    [server, browser] = await Promise.all([startTestServer({ env: { CORS_ORIGINS: pageOrigin } }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
  });

  it('reads resources, exposed headers and problems, and logs in with a bearer token', async () => {
    const user = await createUser(server);
    const page = await browser.newPage();
    const watch = await watchPage(page);
    await page.goto(`${pageOrigin}/`);
    const seen = await page.evaluate(async ({ api, username, password }) => {
      const accept = 'application/prs.hal-forms+json, application/hal+json';
      const root = await fetch(`${api}/`, { headers: { Accept: accept } });
      const rootBody = await root.json();
      const login = rootBody._templates.login;
      const tokens = await fetch(new URL(login.target, api), {
        method: login.method, headers: { 'Content-Type': login.contentType, Accept: accept },
        body: JSON.stringify({ username, password }),
      }).then((r) => r.json());
      const authorization = `Bearer ${tokens.access_token}`;
      const asCaller = await fetch(new URL(rootBody._links.self.href, api), { headers: { Accept: accept, Authorization: authorization } });
      const missing = await fetch(`${api}/no/such/resource`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      const bad = await fetch(`${api}/`, { headers: { Authorization: 'Bearer not-a-token' } });
      return {
        root: { status: root.status, etag: root.headers.get('ETag'), link: root.headers.get('Link'), location: root.headers.get('Content-Location') },
        loggedIn: Boolean(tokens.access_token),
        asCaller: { status: asCaller.status, links: Object.keys((await asCaller.json())._links) },
        missing: { status: missing.status, type: missing.headers.get('Content-Type'), body: await missing.json() },
        bad: { status: bad.status, challenge: bad.headers.get('WWW-Authenticate') },
      };
    }, { api: server.url, username: user.username, password: user.password });
    await page.close();

    expect(seen.root.status).to.equal(200);
    expect(seen.root.etag).to.match(/^"/);
    expect(seen.root.link).to.match(/rel="profile"/);
    expect(seen.root.location).to.equal('/');
    expect(seen.loggedIn).to.equal(true);
    expect(seen.asCaller.status).to.equal(200);
    expect(seen.asCaller.links).to.include('me');
    expect(seen.missing.status).to.equal(404);
    expect(seen.missing.type).to.match(/^application\/problem\+json/);
    expect(seen.missing.body).to.include({ status: 404 });
    expect(seen.bad.status).to.equal(401);
    expect(seen.bad.challenge).to.match(/^Bearer .*error="invalid_token"/);
    expect(watch.problems([401, 404])).to.deep.equal([]);
  });
});
