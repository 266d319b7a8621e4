import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { createUser, postJson } from './support/accounts.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { bearer, meUrl, templateTarget, type TokenPair } from './support/tokens.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('tokens: two instances sharing the database and Redis (REDIS_URL)', () => {
  let first: TestServer;
  let second: TestServer;
  before(async () => {
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

    const logout = await postJson(await templateTarget(first, 'logout', user.accessToken), { refresh_token: user.refreshToken }, bearer(user.accessToken));
    expect(logout.status).to.equal(204);
    for (const me of [meFirst, meSecond]) {
      const res = await fetch(me, { headers: bearer(user.accessToken) });
      expect(res.status, me).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.match(/error="invalid_token"/);
    }
    const refresh = await postJson(await templateTarget(second, 'refresh'), { refresh_token: user.refreshToken });
    expect(refresh.status).to.equal(401);
  });

  it('detects on one instance the reuse of a refresh token rotated on the other', async () => {
    const user = await createUser(first);
    const rotated = await postJson(await templateTarget(first, 'refresh'), { refresh_token: user.refreshToken });
    const next = (await rotated.json()) as TokenPair;
    const replay = await postJson(await templateTarget(second, 'refresh'), { refresh_token: user.refreshToken });
    expect(replay.status).to.equal(401);
    const newest = await postJson(await templateTarget(first, 'refresh'), { refresh_token: next.refresh_token });
    expect(newest.status).to.equal(401);
  });
});
