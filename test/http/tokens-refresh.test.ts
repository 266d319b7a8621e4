import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { createUser, postJson, type TestUser, templateTarget } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { bearer, loginPair, meUrl, type TokenPair } from '../support/tokens.ts';

describe('tokens: refresh rotation, reuse detection and logout (API.md §3)', () => {
  let server: TestServer;
  let refreshUrl: string;
  before(async () => {
    server = await startTestServer();
    refreshUrl = await templateTarget(server, 'refresh');
  });
  after(async () => {
    await server?.close();
  });

  const refresh = (token: string) => postJson(refreshUrl, { refresh_token: token });
  async function refreshed(token: string): Promise<TokenPair> {
    const res = await refresh(token);
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    return (await res.json()) as TokenPair;
  }
  async function expectRefreshRefused(token: string, what: string): Promise<void> {
    const res = await refresh(token);
    expect(res.status, what).to.equal(401);
    expect((await res.json()).type, what).to.equal('/problems/invalid-refresh-token');
  }
  /** Status of `me` (discovered with the user's first access token) with another access token. */
  async function meStatus(user: TestUser, accessToken: string): Promise<number> {
    const me = (mes[user.username] ??= await meUrl(server, user.accessToken));
    return (await fetch(me, { headers: bearer(accessToken) })).status;
  }
  const mes: Record<string, string> = {};

  it('rotates through the root\'s refresh template: a new pair; the old refresh token dies', async () => {
    const user = await createUser(server);
    const root = await server.client().go().get();
    const state = await root.action('refresh').submit({ refresh_token: user.refreshToken });
    const next = state.data as TokenPair;
    expect(next.token_type).to.equal('Bearer');
    expect(state.links.get('me')!.href).to.equal(`/users/${user.username}`);
    expect(next.refresh_token).to.not.equal(user.refreshToken);
    expect(next.access_token).to.not.equal(user.accessToken);
    expect(await meStatus(user, next.access_token)).to.equal(200);
    const third = await refreshed(next.refresh_token);
    expect(await meStatus(user, third.access_token)).to.equal(200);
    await expectRefreshRefused(user.refreshToken, 'the rotated token');
  });

  it('revokes the whole family when a rotated refresh token is presented again', async () => {
    const user = await createUser(server);
    const second = await refreshed(user.refreshToken);
    const third = await refreshed(second.refresh_token);
    await expectRefreshRefused(user.refreshToken, 'the rotated token, replayed');
    await expectRefreshRefused(third.refresh_token, 'the newest token of the family');
    // Another session (another family) of the same user is untouched.
    const other = await loginPair(server, user.username, user.password);
    await refreshed(other.refresh_token);
  });

  it('lets at most one of several concurrent refreshes of the same token succeed', async () => {
    const user = await createUser(server);
    const results = await Promise.all(Array.from({ length: 6 }, () => refresh(user.refreshToken)));
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).to.have.length(1);
    expect(statuses.every((status) => status === 200 || status === 401)).to.equal(true);
    await expectRefreshRefused(user.refreshToken, 'after the race');
  });

  it('refuses an expired refresh token and unknown ones', async () => {
    const user = await createUser(server);
    const hash = createHash('sha256').update(user.refreshToken).digest('hex');
    const updated = await server.sql('update refresh_tokens set expires_at = now() - interval \'1 second\' where token_hash = ? returning id', [hash]);
    expect(updated).to.have.length(1);
    await expectRefreshRefused(user.refreshToken, 'expired');
    await expectRefreshRefused('x'.repeat(43), 'unknown');
    const wrongShape = await postJson(refreshUrl, { refresh_token: 'a', extra: 1 });
    expect(wrongShape.status).to.equal(422);
  });

  it('stores refresh tokens hashed, never in clear', async () => {
    const user = await createUser(server);
    const rows = await server.sql<{ token_hash: string }>('select token_hash from refresh_tokens');
    expect(rows.map((row) => row.token_hash)).to.include(createHash('sha256').update(user.refreshToken).digest('hex'));
    expect(rows.some((row) => row.token_hash === user.refreshToken)).to.equal(false);
  });

  it('logs out with the logout template: 204, then the access token and the refresh family are dead', async () => {
    const user = await createUser(server);
    const second = await refreshed(user.refreshToken);
    expect(await meStatus(user, second.access_token)).to.equal(200);
    expect(await meStatus(user, user.accessToken)).to.equal(200);
    const logoutUrl = await templateTarget(server, 'logout', second.access_token);
    const res = await postJson(logoutUrl, { refresh_token: second.refresh_token }, bearer(second.access_token));
    expect(res.status).to.equal(204);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const after = await fetch(mes[user.username]!, { headers: bearer(second.access_token) });
    expect(after.status).to.equal(401);
    expect(after.headers.get('www-authenticate')).to.match(/error="invalid_token"/);
    await expectRefreshRefused(second.refresh_token, 'logged-out family');
    // The first access token (issued before the refresh, not presented at logout) dies with its family.
    expect(await meStatus(user, user.accessToken)).to.equal(401);
  });

  it('refuses logout without an access token (401), changing nothing', async () => {
    const user = await createUser(server);
    const logoutUrl = await templateTarget(server, 'logout', user.accessToken);
    const res = await postJson(logoutUrl, { refresh_token: user.refreshToken });
    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.match(/^Bearer\b/);
    await refreshed(user.refreshToken);
    const root = await server.client().go().get();
    expect(root.hasAction('logout')).to.equal(false);
    expect(root.hasAction('refresh')).to.equal(true);
  });

  it('does not let one user log out another user\'s refresh family', async () => {
    const [alice, mallory] = [await createUser(server), await createUser(server)];
    expect(await meStatus(mallory, mallory.accessToken)).to.equal(200);
    const logoutUrl = await templateTarget(server, 'logout', mallory.accessToken);
    const res = await postJson(logoutUrl, { refresh_token: alice.refreshToken }, bearer(mallory.accessToken));
    expect(res.status).to.equal(204);
    await refreshed(alice.refreshToken);
    expect(await meStatus(mallory, mallory.accessToken)).to.equal(401); // mallory's own access token was revoked
  });
});
