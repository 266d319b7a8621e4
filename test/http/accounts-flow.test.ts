import { expect } from 'chai';
import { activationLinkFor, createUser, newCredentials } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('accounts: register, activate, log in, me, refresh, log out', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('walks the whole flow from the root by templates and links', async () => {
    const user = await createUser(server);
    const root = await user.client.go().get();
    expect(root.hasAction('register')).to.equal(false);
    expect(root.hasAction('login')).to.equal(false);
    expect(root.hasAction('logout')).to.equal(true);
    const me = await (await user.client.go().follow('me')).get();
    expect(me.data).to.include({ username: user.username, email: user.email });
    expect(me.links.get('self')!.href).to.equal(`/users/${user.username}`);

    const refreshed = await root.action('refresh').submit({ refresh_token: user.refreshToken });
    const pair = refreshed.data as { access_token: string; refresh_token: string };
    expect(pair.refresh_token).to.not.equal(user.refreshToken);

    const logout = await server.fetch('/tokens/revoke', {
      method: 'POST',
      headers: { Authorization: `Bearer ${pair.access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: pair.refresh_token }),
    });
    expect(logout.status).to.equal(204);
    const after = await server.fetch('/me', { headers: { Authorization: `Bearer ${pair.access_token}` } });
    expect(after.status).to.equal(401);
    expect(after.headers.get('www-authenticate')).to.match(/^Bearer/);
  });

  it('does not log in an account that is not activated yet (403), nor a wrong password (401)', async () => {
    const credentials = newCredentials();
    const root = await server.client().go().get();
    await root.action('register').submit(credentials);
    const inactive = await server.fetch('/tokens', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: credentials.username, password: credentials.password }),
    });
    expect(inactive.status).to.equal(403);
    expect((await inactive.json()).type).to.equal('/problems/account-inactive');
    const wrong = await server.fetch('/tokens', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: credentials.username, password: 'not the right password at all' }),
    });
    expect(wrong.status).to.equal(401);
    expect(await activationLinkFor(server, credentials.email)).to.match(/\/activation\//);
  });
});
