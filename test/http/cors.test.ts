import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const ORIGIN = 'http://explorer.example';
const BASE = 'http://api.example';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const REQUEST_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Prefer'];
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
