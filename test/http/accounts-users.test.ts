import { expect } from 'chai';
import { Problem } from 'ketting';
import { ACCOUNT_TEST_ENV, createUser, newCredentials, type TestUser } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';

/**
 * `/users/{username}` and `me` (API.md §4). Usernames are matched case-insensitively, and a
 * spelling in another case is redirected (301) to the one canonical URI.
 */
describe('accounts: users and me', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  before(async () => {
    server = await startTestServer({ env: ACCOUNT_TEST_ENV });
    alice = await createUser(server, newCredentials('Alice'));
    bob = await createUser(server);
  });
  after(async () => {
    await server?.close();
  });

  it('shows a user to anyone: id, username, avatar_url null, created_at, self and recipes; no email, no edit-media', async () => {
    const state = await (await server.client().go().follow('user', { username: alice.username })).get();
    expect(Object.keys(state.data as object).sort()).to.deep.equal(['avatar_url', 'created_at', 'id', 'username']);
    expect(state.data).to.include({ username: alice.username, avatar_url: null });
    expect(new Date((state.data as { created_at: string }).created_at).getTime()).to.be.closeTo(Date.now(), 120_000);
    expect(state.links.get('self')!.href).to.equal(`/users/${alice.username}`);
    expect(state.links.has('recipes')).to.equal(true);
    expect(state.links.has('edit-media')).to.equal(false);
    expect(state.links.has('avatar')).to.equal(false);

    const res = await fetch(state.uri, { headers: { Accept: HAL } });
    expect(res.headers.get('cache-control')).to.match(/^public, max-age=\d+/);
    expect(res.headers.get('vary')).to.match(/Accept/).and.match(/Authorization/);
    expect(res.headers.get('etag')).to.match(/^"/);
    expect(res.headers.get('last-modified')).to.match(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('shows the email and edit-media only to the user themself, privately', async () => {
    const own = await (await alice.client.go().follow('user', { username: alice.username })).get();
    expect(own.data).to.include({ email: alice.email, username: alice.username });
    expect(own.links.has('edit-media')).to.equal(true);
    const ownRes = await fetch(own.uri, { headers: { Accept: HAL, Authorization: `Bearer ${alice.accessToken}` } });
    expect(ownRes.headers.get('cache-control')).to.match(/^private/);

    const seenByBob = await (await bob.client.go().follow('user', { username: alice.username })).get();
    expect(seenByBob.data).to.not.have.property('email');
    expect(seenByBob.links.has('edit-media')).to.equal(false);
    const bobRes = await fetch(own.uri, { headers: { Accept: HAL, Authorization: `Bearer ${bob.accessToken}` } });
    expect(bobRes.headers.get('cache-control')).to.match(/^private/);
    expect(await bobRes.text()).to.not.include(alice.email);
  });

  it('serves me from the root only when authenticated; its self is /users/{username}', async () => {
    const anonymousRoot = await server.client().go().get();
    expect(anonymousRoot.links.has('me')).to.equal(false);
    const me = await (await alice.client.go().follow('me')).get();
    expect(me.links.get('self')!.href).to.equal(`/users/${alice.username}`);
    expect(me.data).to.include({ username: alice.username, email: alice.email });
    expect(me.links.has('edit-media')).to.equal(true);
    const res = await fetch(me.uri, { headers: { Accept: HAL, Authorization: `Bearer ${alice.accessToken}` } });
    expect(res.headers.get('content-location')).to.equal(`/users/${alice.username}`);
    expect(res.headers.get('cache-control')).to.match(/^private/);

    const anonymous = await fetch(me.uri, { headers: { Accept: HAL } });
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers.get('www-authenticate')).to.match(/^Bearer/);
  });

  it('redirects another spelling of the username (301) to the canonical URI', async () => {
    const upper = await server.client().go().follow('user', { username: alice.username.toUpperCase() });
    const res = await fetch(upper.uri, { redirect: 'manual', headers: { Accept: HAL } });
    expect(res.status).to.equal(301);
    expect(res.headers.get('location')).to.equal(`/users/${alice.username}`);
    expect(res.headers.get('cache-control')).to.equal('public, max-age=60, stale-while-revalidate=0');
    const followed = await (await server.client().go().follow('user', { username: alice.username.toLowerCase() })).get();
    expect(followed.data).to.include({ username: alice.username });
  });

  it('answers 404 (problem) for an unknown user and for one that never activated', async () => {
    const inactive = newCredentials();
    await (await server.client().go().get()).action('register').submit(inactive);
    for (const username of ['nobody_here', inactive.username]) {
      try {
        await (await server.client().go().follow('user', { username })).get();
        expect.fail(`${username} was found`);
      } catch (error) {
        expect(error).to.be.instanceOf(Problem);
        expect((error as Problem).status).to.equal(404);
        expect((error as Problem).body.type).to.equal('/problems/not-found');
      }
    }
  });
});
