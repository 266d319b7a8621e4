import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { createUser } from '../support/accounts.ts';
import { launchBrowser, watchPage } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

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
