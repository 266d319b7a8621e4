import { expect } from 'chai';
import type { State } from 'ketting';
import { accepted, authorized, clientWith, ownPage, sessionsOf } from '../support/account-life.ts';
import { ACCOUNT_TEST_ENV, createUser, postJson, templateTarget, type TestUser } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login, type TokenPair } from '../support/tokens.ts';

interface SessionData {
  id: number;
  created_at: string;
  last_used_at: string;
  user_agent: string;
  current: boolean;
}

/** The user's logins (API.md §3: sessions), one per refresh-token family, and ending them at once. */
describe('accounts: sessions', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: ACCOUNT_TEST_ENV });
  });
  after(async () => {
    await server?.close();
  });

  const loginAs = async (user: TestUser, userAgent: string) =>
    (await (await login(server, user.username, user.password, { 'User-Agent': userAgent })).json()) as TokenPair;
  const refresh = async (refreshToken: string) => postJson(await templateTarget(server, 'refresh'), { refresh_token: refreshToken });
  const items = (sessions: State) => sessions.getEmbedded().map((item) => ({ state: item, data: item.data as SessionData }));
  const byAgent = (sessions: State, agent: string) => items(sessions).find((item) => item.data.user_agent === agent)!;

  it('lists the live logins, private: id, created_at, last_used_at, user_agent (cut to 200 characters), and which is current', async () => {
    const user = await createUser(server);
    const long = `Mozilla/5.0 ${'x'.repeat(300)}`;
    await loginAs(user, 'Phone browser/1.0');
    await loginAs(user, long);
    const sessions = await sessionsOf(user);
    const res = await authorized(sessions.uri, user.accessToken);
    expect(res.headers.get('cache-control')).to.equal('private, no-cache');
    const list = items(sessions).map((item) => item.data);
    expect(list).to.have.length(3);
    expect(list.filter((s) => s.current)).to.have.length(1);
    expect(list.map((s) => s.user_agent)).to.include('Phone browser/1.0').and.include(long.slice(0, 200));
    for (const session of list) {
      expect(Object.keys(session).filter((key) => !key.startsWith('_')).sort()).to.deep.equal(['created_at', 'current', 'id', 'last_used_at', 'user_agent']);
      expect(Date.parse(session.created_at)).to.be.at.most(Date.parse(session.last_used_at));
    }
    expect(sessions.data).to.include({ total: 3 });
    expect(sessions.hasAction('revoke-others')).to.equal(true);
    for (const item of items(sessions)) expect(item.state.hasAction('revoke')).to.equal(true);
  });

  it('moves last_used_at when the login\'s refresh token is used', async () => {
    const user = await createUser(server);
    const phone = await loginAs(user, 'Refreshing phone');
    const before = byAgent(await sessionsOf(user), 'Refreshing phone').data;
    expect((await refresh(phone.refresh_token)).status).to.equal(200);
    const after = byAgent(await sessionsOf(user), 'Refreshing phone').data;
    expect(after.id).to.equal(before.id);
    expect(Date.parse(after.last_used_at)).to.be.above(Date.parse(before.last_used_at));
  });

  it('revoke ends that login at once (204): its access token and refresh token are refused, the caller\'s goes on', async () => {
    const user = await createUser(server);
    const laptop = await loginAs(user, 'Lost laptop');
    expect(await accepted(server, laptop.access_token)).to.equal(true);
    await byAgent(await sessionsOf(user), 'Lost laptop').state.action('revoke').submit({});
    expect(await accepted(server, laptop.access_token)).to.equal(false);
    expect((await refresh(laptop.refresh_token)).status).to.equal(401);
    expect(await accepted(server, user.accessToken)).to.equal(true);
    expect(items(await sessionsOf(user)).map((item) => item.data.user_agent)).to.not.include('Lost laptop');
  });

  it('revoking the caller\'s own login is a logout', async () => {
    const user = await createUser(server);
    const current = items(await sessionsOf(user)).find((item) => item.data.current)!;
    await current.state.action('revoke').submit({});
    expect(await accepted(server, user.accessToken)).to.equal(false);
    expect((await refresh(user.refreshToken)).status).to.equal(401);
  });

  it('revoke-others ends every login but the caller\'s (204), and stays offered once none is left (API.md §3a: the collection has it)', async () => {
    const user = await createUser(server);
    const others = [await loginAs(user, 'Tablet'), await loginAs(user, 'Work desktop')];
    await (await sessionsOf(user)).action('revoke-others').submit({});
    for (const other of others) expect(await accepted(server, other.access_token)).to.equal(false);
    expect(await accepted(server, user.accessToken)).to.equal(true);
    const left = await sessionsOf(user);
    expect(items(left).map((item) => item.data.current)).to.deep.equal([true]);
    expect(left.hasAction('revoke-others')).to.equal(true);
    await left.action('revoke-others').submit({});
    expect(await accepted(server, user.accessToken)).to.equal(true);
  });

  it('is the user\'s own: no link for others, 403 for their token, 401 without one, 404 for a session not live', async () => {
    const [owner, other] = [await createUser(server), await createUser(server)];
    const sessions = await sessionsOf(owner);
    const ownerPage = (await ownPage(owner)).links.get('self')!.href;
    expect((await clientWith(server, other.accessToken).go(ownerPage).get()).links.has('sessions')).to.equal(false);
    expect((await server.client().go(ownerPage).get()).links.has('sessions')).to.equal(false);
    const item = items(sessions)[0]!.state.uri;
    for (const [url, method] of [[sessions.uri, 'GET'], [sessions.uri, 'DELETE'], [item, 'GET'], [item, 'DELETE']] as const) {
      expect((await authorized(url, other.accessToken, { method })).status, `${method} ${url}`).to.equal(403);
      expect((await fetch(url, { method })).status, `${method} ${url} anonymous`).to.equal(401);
    }
    const revoked = await loginAs(owner, 'Soon gone');
    const gone = byAgent(await sessionsOf(owner), 'Soon gone').state.uri;
    await authorized(gone, owner.accessToken, { method: 'DELETE' });
    expect(await accepted(server, revoked.access_token)).to.equal(false);
    for (const method of ['GET', 'DELETE']) expect((await authorized(gone, owner.accessToken, { method })).status, method).to.equal(404);
  });
  it('revoke and revoke-others honour If-Match (API.md §8): a stale ETag is a 412 and ends nothing', async () => {
    const user = await createUser(server);
    const phone = await loginAs(user, 'Conditional phone');
    const item = byAgent(await sessionsOf(user), 'Conditional phone').state.uri;
    const read = async (url: string) => (await authorized(url, user.accessToken)).headers.get('etag')!;
    const [itemEtag, listEtag] = [await read(item), await read((await sessionsOf(user)).uri)];
    expect((await refresh(phone.refresh_token)).status).to.equal(200); // last_used_at moves: both change
    const revoke = (url: string, etag: string) => authorized(url, user.accessToken, { method: 'DELETE', headers: { 'If-Match': etag } });
    const list = (await sessionsOf(user)).uri;
    expect((await revoke(item, itemEtag)).status).to.equal(412);
    expect((await revoke(list, listEtag)).status).to.equal(412);
    expect(items(await sessionsOf(user)).map((session) => session.data.user_agent)).to.include('Conditional phone');
    expect((await revoke(item, await read(item))).status).to.equal(204);
    await loginAs(user, 'Conditional tablet');
    expect((await revoke(list, await read(list))).status).to.equal(204);
    expect(items(await sessionsOf(user)).map((session) => session.data.current)).to.deep.equal([true]);
  });
});
