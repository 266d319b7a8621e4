import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';

describe('foundation: entry point, negotiation, caching headers and problems', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('serves the HAL entry point with self, recipes, search, user and explorer links', async () => {
    const state = await server.client().go().get();
    for (const rel of ['self', 'recipes', 'search', 'user', 'explorer']) expect(state.links.has(rel), rel).to.equal(true);
    expect(state.links.has('me')).to.equal(false);
    expect(state.data).to.include({ title: 'Smilecook' });
    expect(state.links.get('search')!.templated).to.equal(true);
    expect(state.links.get('search')!.href).to.equal('/recipes{?q,sort,order,page,per_page,max_cook_time,min_servings}');
  });

  it('sends Vary, a strong ETag, Cache-Control, Content-Location and the profile link first', async () => {
    const res = await server.fetch('/', { headers: { Accept: HAL } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/hal\+json/);
    expect(res.headers.get('vary')).to.match(/Accept/);
    expect(res.headers.get('etag')).to.match(/^"[^"]+"$/);
    expect(res.headers.get('cache-control')).to.equal('public, max-age=60, stale-while-revalidate=0');
    expect(res.headers.get('link')).to.match(/^<\/schemas\/root>; rel="profile"/);
    expect(res.headers.get('x-powered-by')).to.equal(null);
  });

  it('answers If-None-Match with 304 and the same validators and cache headers', async () => {
    const first = await server.fetch('/', { headers: { Accept: HAL } });
    const etag = first.headers.get('etag')!;
    const second = await server.fetch('/', { headers: { Accept: HAL, 'If-None-Match': etag } });
    expect(second.status).to.equal(304);
    for (const name of ['etag', 'cache-control', 'vary', 'content-location']) {
      expect(second.headers.get(name), name).to.equal(first.headers.get(name));
    }
    expect(await second.text()).to.equal('');
  });

  it('gives each media type its own ETag', async () => {
    const hal = await server.fetch('/', { headers: { Accept: HAL } });
    const html = await server.fetch('/', { headers: { Accept: 'text/html' } });
    expect(html.headers.get('content-type')).to.match(/^text\/html/);
    expect(html.headers.get('etag')).to.not.equal(hal.headers.get('etag'));
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await server.fetch('/', { method: 'HEAD', headers: { Accept: HAL } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('etag')).to.match(/^"/);
    expect(res.headers.get('link')).to.match(/rel="profile"/);
    expect(await res.text()).to.equal('');
  });

  it('answers an unacceptable Accept with 406 problem+json', async () => {
    const res = await server.fetch('/', { headers: { Accept: 'application/xml' } });
    expect(res.status).to.equal(406);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const body = await res.json();
    expect(body).to.include({ status: 406, type: '/problems/not-acceptable' });
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const res = await server.fetch('/no/such/thing');
    expect(res.status).to.equal(404);
    const body = await res.json();
    expect(body).to.include({ status: 404, title: 'Not found', instance: '/no/such/thing' });
    expect(body.detail).to.be.a('string');
  });

  it('answers a wrong method with 405 and Allow, and OPTIONS with 204 and Allow', async () => {
    const res = await server.fetch('/', { method: 'DELETE' });
    expect(res.status).to.equal(405);
    expect(res.headers.get('allow')).to.equal('GET, HEAD, OPTIONS');
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const options = await server.fetch('/', { method: 'OPTIONS' });
    expect(options.status).to.equal(204);
    expect(options.headers.get('allow')).to.equal('GET, HEAD, OPTIONS');
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await server.fetch('/', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{bad' });
    expect(res.status).to.equal(400);
    expect(await res.json()).to.include({ status: 400, type: '/problems/malformed-json' });
  });

  it('answers a body over 100 kB with 413 problem+json', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(110 * 1024) });
    const res = await server.fetch('/', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(res.status).to.equal(413);
    expect(await res.json()).to.include({ status: 413, type: '/problems/payload-too-large' });
  });

  it('serves the problem types it refers to', async () => {
    const res = await server.fetch('/problems/not-found', { headers: { Accept: 'application/json' } });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.include({ status: 404, title: 'Not found' });
  });

  it('serves the JSON Schemas as application/schema+json with titles on every property', async () => {
    const res = await server.fetch('/schemas/root', { headers: { Accept: 'application/schema+json' } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/schema\+json/);
    const schema = await res.json();
    const properties = Object.values(schema.properties) as Array<{ title?: string; type?: string }>;
    expect(properties, 'the root schema has properties to check').to.have.length(2);
    for (const property of properties) {
      expect(property.title).to.be.a('string').and.not.equal('');
      expect(property.type).to.equal('string');
    }
  });

  it('reports liveness and readiness', async () => {
    expect((await server.fetch('/health')).status).to.equal(200);
    const ready = await server.fetch('/health/ready');
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.include({ status: 'ready' });
  });

  it('answers a malformed Authorization header with 401 invalid_token, never a 500', async () => {
    for (const header of ['Bearer', 'Basic abc', 'Bearer a b c', 'Bearer \u00e9\u00e9']) {
      const res = await server.fetch('/', { headers: { Authorization: header } }).catch(() => null);
      if (res === null) continue; // fetch itself refuses some header values
      expect(res.status, header).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.match(/^Bearer/);
    }
  });
});
