import { expect } from 'chai';
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { activationLinkFor, createUser, newCredentials, postJson, type TestUser } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { bearer, craftToken, loginPair, meUrl, unsignedToken, type TokenPair } from '../support/tokens.ts';

describe('tokens: forged, expired and misused access tokens (API.md §3)', () => {
  let server: TestServer;
  let user: TestUser;
  let me: string;
  before(async () => {
    // The fuzzing below sends hundreds of requests: lift the per-client limits for this file.
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    user = await createUser(server);
    me = await meUrl(server, user.accessToken);
  });
  after(async () => {
    await server?.close();
  });

  const getMe = (authorization: string) => fetch(me, { headers: { Authorization: authorization } });

  async function expectInvalidToken(res: Response, what: string): Promise<void> {
    expect(res.status, what).to.equal(401);
    expect(res.headers.get('www-authenticate'), what).to.match(/^Bearer\b.*error="invalid_token"/);
    expect(res.headers.get('content-type'), what).to.match(/^application\/problem\+json/);
    expect((await res.json()).type, what).to.equal('/problems/invalid-token');
  }

  it('accepts the genuine token, and a token re-signed here with the same claims (the forgeries below are meaningful)', async () => {
    expect((await getMe(`Bearer ${user.accessToken}`)).status).to.equal(200);
    expect((await getMe(`Bearer ${await craftToken(server, user.accessToken)}`)).status).to.equal(200);
  });

  it('rejects forged tokens: alg none, wrong key, wrong aud/iss, expired, typ JWT, RS256/HS512 headers, garbage', async () => {
    const genuine = user.accessToken;
    const claims = decodeJwt(genuine);
    const now = Math.floor(Date.now() / 1000);
    const forgeries: Record<string, string> = {
      'alg none': unsignedToken({ alg: 'none', typ: 'at+jwt' }, claims),
      'alg none, no typ': unsignedToken({ alg: 'none' }, claims),
      'wrong key': await craftToken(server, genuine, { key: new TextEncoder().encode('another secret that is 32 bytes long!!') }),
      'wrong aud': await craftToken(server, genuine, { claims: { aud: 'someone-else' } }),
      'wrong iss': await craftToken(server, genuine, { claims: { iss: 'https://evil.example' } }),
      expired: await craftToken(server, genuine, { claims: { iat: now - 1000, exp: now - 10 } }),
      'typ JWT': await craftToken(server, genuine, { header: { typ: 'JWT' } }),
      'no typ': await craftToken(server, genuine, { header: { typ: undefined } }),
      'HS512 with the right key': await craftToken(server, genuine, { header: { alg: 'HS512' } }),
      'RS256 header': unsignedToken({ alg: 'RS256', typ: 'at+jwt' }, claims, 'c2lnbmF0dXJl'),
      'another user (sub) with a bad signature':
        unsignedToken({ alg: 'HS256', typ: 'at+jwt' }, { ...claims, sub: String(Number(claims.sub) + 1) }, genuine.split('.')[2]),
      garbage: 'not-a-jwt-at-all',
      'two parts': genuine.split('.').slice(0, 2).join('.'),
    };
    for (const [what, token] of Object.entries(forgeries)) await expectInvalidToken(await getMe(`Bearer ${token}`), what);
  });

  it('never accepts a refresh token or an activation token as an access token', async () => {
    await expectInvalidToken(await getMe(`Bearer ${user.refreshToken}`), 'refresh token');
    const credentials = newCredentials();
    await (await server.client().go().get()).action('register').submit(credentials);
    const activationToken = new URL(await activationLinkFor(server, credentials.email)).pathname.split('/').pop()!;
    await expectInvalidToken(await getMe(`Bearer ${activationToken}`), 'activation token');
  });

  it('ignores a token in the query string: the request stays anonymous', async () => {
    for (const name of ['access_token', 'token', 'bearer']) {
      const url = new URL(me);
      url.searchParams.set(name, user.accessToken);
      const res = await fetch(url);
      expect(res.status, name).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.match(/^Bearer\b/).and.not.match(/invalid_token/);
      expect((await res.json()).type).to.equal('/problems/unauthorized');
    }
    const root = new URL(server.root);
    root.searchParams.set('access_token', user.accessToken);
    const anonymous = await fetch(root, { headers: { Accept: 'application/prs.hal-forms+json' } });
    const body = await anonymous.json();
    expect(body._links).to.not.have.property('me');
    expect(body._templates).to.have.property('login');
  });

  it('rejects malformed Authorization headers with 401 invalid_token: other schemes, stray parts, long values', async () => {
    const headers: Record<string, string> = {
      Basic: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`,
      'scheme only': 'Bearer',
      'empty token': 'Bearer ',
      'token then junk': `Bearer ${user.accessToken} extra`,
      'two tokens': `Bearer ${user.accessToken}, Bearer ${user.accessToken}`,
      'comma-separated': `Bearer ${user.accessToken},`,
      'bad characters': `Bearer ${user.accessToken.replace('.', '!')}`,
      'no space': `Bearer${user.accessToken}`,
      'very long': `Bearer ${'a'.repeat(8000)}`,
      'lower-case scheme, forged token': `bearer ${user.accessToken}x`,
      'tab instead of space': `Bearer\t${user.accessToken}`,
    };
    for (const [what, value] of Object.entries(headers)) await expectInvalidToken(await getMe(value), what);
  });

  it('reads the scheme case-insensitively and allows several spaces (RFC 9110 §11.1, RFC 6750 §2.1)', async () => {
    for (const value of [`bearer ${user.accessToken}`, `BEARER ${user.accessToken}`, `Bearer   ${user.accessToken}`]) {
      expect((await getMe(value)).status, value).to.equal(200);
    }
  });

  it('answers a header too large for the server with a problem, not a 500', async () => {
    const res = await getMe(`Bearer ${'a'.repeat(20_000)}`);
    expect(res.status).to.equal(431);
  });

  it('never answers 500 to arbitrary Authorization headers (fuzzed)', async () => {
    const printable = fc.array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: 300 }).map((codes) => String.fromCharCode(...codes));
    const value = fc.oneof(printable, printable.map((s) => `Bearer ${s}`), printable.map((s) => `Bearer ${user.accessToken.slice(0, 40)}${s}`));
    await fc.assert(fc.asyncProperty(value, async (authorization) => {
      const res = await fetch(me, { headers: { Authorization: authorization } });
      await res.arrayBuffer();
      return res.status === 401 || (res.status === 200 && authorization.trim().toLowerCase().startsWith('bearer'));
    }), { numRuns: 150 });
  });

  it('never answers 500 to arbitrary JSON sent to login, refresh and logout (fuzzed)', async () => {
    const anonymous = await server.client().go().get();
    const authenticated = await user.client.go().get();
    const targets = [anonymous.action('login').uri, anonymous.action('refresh').uri, authenticated.action('logout').uri];
    let session = await loginPair(server, user.username, user.password);
    const freshAccessToken = async () => {
      session = (await (await postJson(targets[1]!, { refresh_token: session.refresh_token })).json()) as TokenPair;
      return session.access_token;
    };
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ username: fc.string({ unit: 'binary' }), password: fc.string({ unit: 'binary' }) }),
      fc.record({ refresh_token: fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue()) }),
    );
    await fc.assert(fc.asyncProperty(fc.constantFrom(...targets), body, async (target, json) => {
      // Logout needs a live access token (and a successful one revokes it): a fresh one each time.
      const auth = target === targets[2] ? bearer(await freshAccessToken()) : {};
      const post = () => fetch(target, {
        method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify(json),
      });
      // A POST is not retried by fetch when a kept-alive socket closes under it (seen once on a loaded machine).
      const res = await post().catch(post);
      await res.arrayBuffer();
      return res.status < 500;
    }), { numRuns: 80 });
  });
});
