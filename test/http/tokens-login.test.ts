import argon2 from 'argon2';
import { expect } from 'chai';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { comparable, createUser, newCredentials, templateTarget } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { bearer, login, meUrl, type TokenPair } from '../support/tokens.ts';

describe('tokens: login (API.md §3)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('answers 200 with the token pair, Bearer, expires_in, _links.me and Cache-Control: no-store', async () => {
    const user = await createUser(server);
    const res = await login(server, user.username, user.password);
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    expect(res.headers.get('content-type')).to.match(/^application\/hal\+json/);
    const body = (await res.json()) as TokenPair;
    expect(body).to.have.all.keys('access_token', 'refresh_token', 'token_type', 'expires_in', '_links');
    expect(body.token_type).to.equal('Bearer');
    expect(body.expires_in).to.equal(server.config.accessTokenTtl);
    expect(body._links.me.href).to.equal(`/users/${user.username}`);
    const me = await server.fetch(body._links.me.href, { headers: bearer(body.access_token) });
    expect(me.status).to.equal(200);
  });

  it('logs in by username or email, case-insensitively', async () => {
    const user = await createUser(server);
    for (const name of [user.username.toUpperCase(), user.email, user.email.toUpperCase()]) {
      const res = await login(server, name, user.password);
      expect(res.status, name).to.equal(200);
      expect(((await res.json()) as TokenPair)._links.me.href).to.equal(`/users/${user.username}`);
    }
  });

  it('issues an RFC 9068 access token: HS256, typ at+jwt, iss, aud, sub, jti, exp ≤ 15 min', async () => {
    const user = await createUser(server);
    const me = await (await user.client.go().follow('me')).get();
    const tokens = [user.accessToken, ((await (await login(server, user.username, user.password)).json()) as TokenPair).access_token];
    for (const token of tokens) {
      expect(decodeProtectedHeader(token)).to.deep.equal({ alg: 'HS256', typ: 'at+jwt' });
      const claims = decodeJwt(token);
      expect(claims.iss).to.be.a('string').and.not.equal('');
      expect(claims.aud).to.satisfy((aud: unknown) => typeof aud === 'string' || Array.isArray(aud));
      expect(claims.sub).to.equal(String((me.data as { id: number }).id));
      expect(claims.jti).to.be.a('string').with.length.greaterThan(15);
      expect(claims.exp! - claims.iat!).to.equal(server.config.accessTokenTtl).and.at.most(900);
    }
    expect(decodeJwt(tokens[0]!).jti).to.not.equal(decodeJwt(tokens[1]!).jti);
  });

  it('answers a wrong username and a wrong password identically (status, headers, body)', async () => {
    const user = await createUser(server);
    const unknown = await comparable(await login(server, `nobody_${user.username}`.slice(0, 30), user.password));
    const wrong = await comparable(await login(server, user.username, `${user.password} but wrong`));
    expect(unknown.status).to.equal(401);
    expect(wrong).to.deep.equal(unknown);
    expect(JSON.parse(unknown.body)).to.include({ type: '/problems/invalid-credentials', status: 401 });
  });

  it('answers an inactive account with the right password 403 account-inactive, with a wrong one the usual 401', async () => {
    const credentials = newCredentials();
    const root = await server.client().go().get();
    await root.action('register').submit(credentials);
    const inactive = await login(server, credentials.username, credentials.password);
    expect(inactive.status).to.equal(403);
    expect(inactive.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect((await inactive.json()).type).to.equal('/problems/account-inactive');

    const wrong = await comparable(await login(server, credentials.username, 'not the right password at all'));
    const unknown = await comparable(await login(server, `x${credentials.username}`.slice(0, 30), 'not the right password at all'));
    expect(wrong.status).to.equal(401);
    expect(wrong).to.deep.equal(unknown);
  });

  it('upgrades a hash made with weaker argon2 parameters at the next successful login', async () => {
    const user = await createUser(server);
    const weak = await argon2.hash(user.password, { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await server.sql('update users set password_hash = ? where username = ?', [weak, user.username]);
    const stored = async () => (await server.sql<{ password_hash: string }>('select password_hash from users where username = ?', [user.username]))[0]!
      .password_hash;

    expect((await login(server, user.username, 'a wrong password for this one')).status).to.equal(401);
    expect(await stored()).to.equal(weak); // a failed login changes nothing
    const res = await login(server, user.username, user.password);
    expect(res.status).to.equal(200);
    const upgraded = await stored();
    expect(upgraded).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2.verify(upgraded, user.password)).to.equal(true);
    // The session issued by that login works, and so does the next login.
    const { access_token: token } = (await res.json()) as TokenPair;
    expect((await fetch(await meUrl(server, token), { headers: bearer(token) })).status).to.equal(200);
    expect((await login(server, user.username, user.password)).status).to.equal(200);
  });

  it('never answers 500 for odd login bodies (NUL bytes, unicode, wrong types, huge strings)', async () => {
    const target = await templateTarget(server, 'login');
    const bodies: unknown[] = [
      { username: 'nul\u0000name', password: 'whatever it is' }, { username: 'x', password: 'nul\u0000pass' },
      { username: '\ud800', password: '\udfff' }, { username: 'İSTANBUL@example.test', password: 'p' },
      { username: 5, password: 'p' }, { username: 'a', password: null }, { username: 'a'.repeat(255), password: 'p' },
      { username: 'a', password: 'p'.repeat(257) }, [], 'text', null, {},
    ];
    for (const body of bodies) {
      const res = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).to.be.oneOf([400, 401, 422]);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    }
  });
});
