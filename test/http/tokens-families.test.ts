import { expect } from 'chai';
import { decodeJwt } from 'jose';
import { createUser, postJson, templateTarget } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { bearer, meUrl, type TokenPair } from '../support/tokens.ts';

/** Every access token of a revoked family is refused at once (API.md §3): in memory here, in Redis in tokens-shared. */
describe('tokens: revoking a family revokes every access token issued from it', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
  });
  after(async () => {
    await server?.close();
  });

  const refresh = async (refreshToken: string) => postJson(await templateTarget(server, 'refresh'), { refresh_token: refreshToken });
  const status = async (accessToken: string) => (await fetch(await meUrl(server, accessToken), { headers: bearer(accessToken) })).status;

  it('names the family in every access token (sid), the same across rotations', async () => {
    const user = await createUser(server);
    const next = (await (await refresh(user.refreshToken)).json()) as TokenPair;
    const [first, second] = [decodeJwt(user.accessToken), decodeJwt(next.access_token)];
    expect(first.sid).to.be.a('string').and.match(/^[0-9a-f-]{36}$/);
    expect(second.sid).to.equal(first.sid);
    expect(second.jti).to.not.equal(first.jti);
  });

  it('refuses, after logout, an access token issued before a refresh of the same login', async () => {
    const user = await createUser(server);
    const next = (await (await refresh(user.refreshToken)).json()) as TokenPair;
    expect(await status(user.accessToken)).to.equal(200);
    const target = await templateTarget(server, 'logout', next.access_token);
    expect((await postJson(target, { refresh_token: next.refresh_token }, bearer(next.access_token))).status).to.equal(204);
    const me = await meUrl(server, user.accessToken).catch(() => server.root);
    for (const token of [user.accessToken, next.access_token]) {
      const res = await fetch(me, { headers: bearer(token) });
      expect(res.status).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.match(/error="invalid_token"/);
    }
  });

  it('refuses every access token of a family whose rotated refresh token was presented again', async () => {
    const user = await createUser(server);
    const next = (await (await refresh(user.refreshToken)).json()) as TokenPair;
    expect(await status(next.access_token)).to.equal(200);
    expect((await refresh(user.refreshToken)).status).to.equal(401); // reuse: a thief, or the victim
    for (const token of [user.accessToken, next.access_token]) {
      expect((await fetch(server.root, { headers: bearer(token) })).status).to.equal(401);
    }
    expect((await refresh(next.refresh_token)).status).to.equal(401);
  });

  it('leaves the other logins of the same user alone', async () => {
    const user = await createUser(server);
    const other = await createUser(server, { username: `${user.username.slice(0, 25)}_b` }).catch(() => null);
    const second = (await (await postJson(await templateTarget(server, 'login'), { username: user.username, password: user.password })).json()) as TokenPair;
    const target = await templateTarget(server, 'logout', user.accessToken);
    expect((await postJson(target, { refresh_token: user.refreshToken }, bearer(user.accessToken))).status).to.equal(204);
    expect(await status(second.access_token)).to.equal(200);
    if (other) expect(await status(other.accessToken)).to.equal(200);
  });
});
