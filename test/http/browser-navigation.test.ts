import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { makeImage, putImage } from '../support/images.ts';
import { createRecipe, view } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** What Chromium sends for an address bar, a bookmark or a reload. */
const NAVIGATION = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';

describe('browser navigation: the explorer page on every URL of the API (API.md §9)', function () {
  this.timeout(30_000);
  let server: TestServer;
  let alice: TestUser;
  let draft: string;
  let page: string;
  before(async () => {
    server = await startTestServer();
    alice = await createUser(server);
    draft = new URL(await createRecipe(alice, { name: 'Secret stew' }), server.url).pathname;
    page = await (await server.fetch('/explorer')).text();
  });
  after(async () => server?.close());

  const navigate = (path: string, init: RequestInit = {}) => server.fetch(path, { ...init, headers: { Accept: NAVIGATION, ...init.headers } });

  const expectPage = async (res: Response, where: string) => {
    expect(res.status, where).to.equal(200);
    expect(res.headers.get('content-type'), where).to.equal('text/html; charset=utf-8');
    expect(res.headers.get('vary'), where).to.match(/\bAccept\b/);
    expect(res.headers.get('cache-control'), where).to.equal('private');
    expect(res.headers.get('etag'), where).to.match(/^"/);
    if (res.status === 200 && (await res.clone().text()) !== '') expect(await res.text(), where).to.equal(page);
  };

  it('answers a draft, /me, an unknown recipe, an unknown path and a 405 with the page, whoever asks', async () => {
    const paths = [
      '/', '/explorer', draft, '/me', '/recipes/999999', '/no/such/thing', '/tokens', '/recipes?page=-1', `/users/${alice.username}/recipes?visibility=all`,
    ];
    for (const path of paths) {
      await expectPage(await navigate(path), path);
    }
    await expectPage(await navigate(draft, { headers: { Authorization: `Bearer ${alice.accessToken}` } }), 'with a token');
  });

  it('answers HEAD with the same headers and a matching If-None-Match with 304', async () => {
    const head = await navigate('/recipes/999999', { method: 'HEAD' });
    await expectPage(head, 'HEAD');
    const etag = head.headers.get('etag')!;
    const again = await navigate('/me', { headers: { 'If-None-Match': etag } });
    expect(again.status).to.equal(304);
    expect(again.headers.get('cache-control')).to.equal('private');
    expect(again.headers.get('etag')).to.equal(etag);
  });

  it('leaves a tie, or JSON ranked higher, to JSON', async () => {
    const accepts = [
      'text/html, application/json', 'text/html, application/problem+json', 'application/hal+json, text/html;q=0.9', 'text/html, application/*',
      'text/html;q=0.5, */*', '*/*', '',
    ];
    for (const accept of accepts) {
      const res = await server.fetch('/recipes/999999', { headers: { Accept: accept } });
      expect(res.status, accept).to.equal(404);
      expect(res.headers.get('content-type'), accept).to.equal('application/problem+json; charset=utf-8');
    }
    const root = await server.fetch('/', { headers: { Accept: 'text/html, application/hal+json' } });
    expect(root.headers.get('content-type')).to.match(/^application\/hal\+json/);
  });

  it('leaves unsafe methods alone: a POST to an unknown path is a 404 problem', async () => {
    const res = await navigate('/no/such/thing', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).to.equal(404);
  });

  it('keeps their own answers: images, schemas, problem types, health, well-known URIs, metrics, explorer files, emailed links', async () => {
    const editMedia = (await view(server, draft, alice.accessToken)).body._links['edit-media']!.href;
    const cover = (await (await putImage(server, editMedia, alice.accessToken, await makeImage('png', 40, 30), 'image/png')).json())._links.cover.href;
    const answers: [string, number, RegExp][] = [
      [new URL(cover, server.url).pathname, 404, /problem\+json/], // a draft's cover, without the owner's token
      ['/schemas/recipe-edit', 200, /^application\/schema\+json/],
      ['/problems/not-found', 200, /^text\/html/],
      ['/health', 200, /^application\/json/],
      ['/health/ready', 200, /^application\/json/],
      ['/.well-known/security.txt', 404, /problem\+json/],
      ['/.well-known/a/b', 404, /problem\+json/],
      ['/metrics', 404, /problem\+json/],
      ['/explorer/explorer.js', 200, /^text\/javascript/],
      ['/activation/not-a-token', 404, /^text\/html/],
      ['/password-reset/not-a-token', 404, /^text\/html/],
      ['/email-confirmation/not-a-token', 404, /^text\/html/],
    ];
    for (const [path, status, type] of answers) {
      const res = await navigate(path);
      expect(res.status, path).to.equal(status);
      expect(res.headers.get('content-type'), path).to.match(type);
      expect(await res.text(), path).to.not.equal(page);
    }
    const wellKnown = await navigate('/.well-known/change-password', { redirect: 'manual' });
    expect(wellKnown.status, 'password managers are sent on to the person\'s own page').to.equal(302);
    await expectPage(await navigate(new URL(wellKnown.headers.get('location')!, server.url).pathname), 'where it leads');
    const own = await navigate(new URL(cover, server.url).pathname, { headers: { Authorization: `Bearer ${alice.accessToken}` } });
    expect(own.headers.get('content-type')).to.equal('image/webp');
  });
});

describe('explorer files: compressed (gzip or brotli) with Vary: Accept-Encoding', function () {
  this.timeout(30_000);
  let server: TestServer;
  before(async () => { server = await startTestServer(); });
  after(async () => server?.close());

  // undici's fetch decodes by itself: ask with a raw Accept-Encoding and read the bytes.
  const raw = async (path: string, encoding: string) => {
    const { request } = await import('node:http');
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = request(new URL(path, server.url), { headers: { 'Accept-Encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  };

  it('sends brotli, gzip or the plain bytes as asked, each with its own ETag', async () => {
    const plain = await raw('/explorer/explorer.js', 'identity');
    expect(plain.headers['content-encoding']).to.equal(undefined);
    const br = await raw('/explorer/explorer.js', 'gzip, deflate, br');
    const gzip = await raw('/explorer/explorer.css', 'gzip');
    const css = await raw('/explorer/explorer.css', '');
    expect(br.headers['content-encoding']).to.equal('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).to.equal(true);
    expect(br.body.length).to.be.lessThan(plain.body.length / 2);
    expect(gzip.headers['content-encoding']).to.equal('gzip');
    expect(gunzipSync(gzip.body).equals(css.body)).to.equal(true);
    for (const res of [plain, br, gzip]) expect(res.headers.vary).to.match(/Accept-Encoding/);
    expect(new Set([plain, br].map((res) => res.headers.etag)).size, 'an ETag per coding').to.equal(2);
  });
});
