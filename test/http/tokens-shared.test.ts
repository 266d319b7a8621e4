import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { decodeJwt } from 'jose';
import { createUser, postJson, templateTarget } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { bearer, login, loginPair, meUrl, type TokenPair } from '../support/tokens.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const logout = async (server: TestServer, pair: { accessToken: string; refreshToken: string }) =>
  postJson(await templateTarget(server, 'logout', pair.accessToken), { refresh_token: pair.refreshToken }, bearer(pair.accessToken));

describe('tokens: the revocation store in Redis (REDIS_URL)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { REDIS_URL } });
  });
  after(async () => {
    await server?.close();
  });

  it('keeps a logged-out access token\'s jti in Redis until the token would expire', async () => {
    const user = await createUser(server);
    expect((await logout(server, user)).status).to.equal(204);
    const { jti, exp } = decodeJwt(user.accessToken);
    const redis = new Redis(REDIS_URL);
    try {
      const key = `${server.config.redisKeyPrefix}revoked:${jti}`;
      expect(await redis.exists(key)).to.equal(1);
      expect(await redis.expiretime(key)).to.equal(exp);
    } finally {
      await redis.quit();
    }
    const root = await fetch(server.root, { headers: bearer(user.accessToken) });
    expect(root.status).to.equal(401);
  });
});

describe('tokens: Redis unreachable', function () {
  let server: TestServer;
  let healthy: TestServer;
  before(async function () {
    // The same deployment (schema, secret) once with a dead Redis: two live instances need TEST_DATABASE_URL.
    if (!process.env.TEST_DATABASE_URL) this.skip();
    const env = { JWT_SECRET: randomBytes(32).toString('hex') };
    healthy = await startTestServer({ env: { ...env, RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    server = await startTestServer({ schema: healthy.config.databaseSchema, env: { ...env, REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  after(async () => {
    await server?.close();
    await healthy?.close();
  });

  it('answers 503 rather than accept a token it cannot check, and keeps serving everything else', async () => {
    const anonymous = await server.fetch('/', { headers: { Accept: 'application/hal+json' } });
    expect(anonymous.status).to.equal(200); // the general rate limits fall back to this instance's memory
    expect(anonymous.headers.get('ratelimit-policy')).to.match(/^"default";q=600;w=60/);
    const user = await createUser(healthy);
    const res = await fetch(server.root, { headers: bearer(user.accessToken) });
    expect(res.status).to.equal(503);
    expect((await res.json()).type).to.equal('/problems/service-unavailable');
  });

  it('fails logins closed: 503 with Retry-After, never a fresh per-instance budget of guesses', async () => {
    const user = await createUser(healthy);
    for (const password of ['a wrong password for sure', user.password]) {
      const res = await login(server, user.username, password);
      expect(res.status).to.equal(503);
      expect(res.headers.get('retry-after')).to.match(/^\d+$/);
      expect((await res.json()).type).to.equal('/problems/service-unavailable');
    }
  });
});

describe('tokens: two instances sharing the database and Redis', function () {
  let first: TestServer;
  let second: TestServer;
  before(async function () {
    // The embedded PGlite serves a single connection: two live instances need TEST_DATABASE_URL.
    if (!process.env.TEST_DATABASE_URL) this.skip();
    const env = { REDIS_URL, JWT_SECRET: randomBytes(32).toString('hex') };
    first = await startTestServer({ env });
    second = await startTestServer({ schema: first.config.databaseSchema, env });
  });
  after(async () => {
    await second?.close();
    await first?.close();
  });

  it('rejects on one instance an access token logged out on the other', async () => {
    const user = await createUser(first);
    const [meFirst, meSecond] = [await meUrl(first, user.accessToken), await meUrl(second, user.accessToken)];
    expect((await fetch(meSecond, { headers: bearer(user.accessToken) })).status).to.equal(200);
    expect((await logout(first, user)).status).to.equal(204);
    for (const me of [meFirst, meSecond]) {
      const res = await fetch(me, { headers: bearer(user.accessToken) });
      expect(res.status, me).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.match(/error="invalid_token"/);
    }
    expect((await postJson(await templateTarget(second, 'refresh'), { refresh_token: user.refreshToken })).status).to.equal(401);
  });

  it('refuses on both instances, at once, every access token of a family logged out on one', async () => {
    const user = await createUser(first);
    const next = (await (await postJson(await templateTarget(second, 'refresh'), { refresh_token: user.refreshToken })).json()) as TokenPair;
    const meSecond = await meUrl(second, user.accessToken);
    expect((await fetch(meSecond, { headers: bearer(user.accessToken) })).status).to.equal(200);
    expect((await logout(first, { accessToken: next.access_token, refreshToken: next.refresh_token })).status).to.equal(204);
    for (const token of [user.accessToken, next.access_token]) {
      expect((await fetch(meSecond, { headers: bearer(token) })).status).to.equal(401);
    }
  });

  it('detects on one instance the reuse of a refresh token rotated on the other', async () => {
    const user = await createUser(first);
    const next = (await (await postJson(await templateTarget(first, 'refresh'), { refresh_token: user.refreshToken })).json()) as TokenPair;
    expect((await postJson(await templateTarget(second, 'refresh'), { refresh_token: user.refreshToken })).status).to.equal(401);
    expect((await postJson(await templateTarget(first, 'refresh'), { refresh_token: next.refresh_token })).status).to.equal(401);
    expect((await loginPair(second, user.username, user.password)).token_type).to.equal('Bearer');
  });
});
