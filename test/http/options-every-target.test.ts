import { expect } from 'chai';
import type { State } from 'ketting';
import { ownPage } from '../support/account-life.ts';
import { ACCOUNT_TEST_ENV, createUser } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * API.md §9: `OPTIONS` on a resource answers 204 with `Allow`; §8: every response has Cache-Control.
 * Every template target found from `/` — the root's forms anonymous and logged in, the user's own
 * page — answers so, the rate-limited ones (login, register, resend-activation, forgot-password, the
 * account's changes) too: their limits used to answer an OPTIONS themselves (200, text/plain `POST`).
 */
describe('OPTIONS on every template target found from the root', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: ACCOUNT_TEST_ENV });
  });
  after(async () => {
    await server?.close();
  });

  const targets = (state: State) => state.actions().map((action) => ({ name: action.name!, method: action.method, uri: action.uri }));

  it('answers 204 with Allow naming the template\'s method, and Cache-Control', async () => {
    const user = await createUser(server);
    const anonymousRoot = await server.client().go().get();
    const ownRoot = await user.client.go().get();
    const forms = [...targets(anonymousRoot), ...targets(ownRoot), ...targets(await ownPage(user))];
    expect(forms.map((form) => form.name)).to.include.members([
      'register', 'login', 'resend-activation', 'forgot-password', 'refresh', 'logout', 'change-password', 'change-email', 'delete-account',
    ]);
    for (const form of forms) {
      const res = await server.fetch(form.uri, { method: 'OPTIONS' });
      const answer = `${form.name}: ${res.status} Allow ${String(res.headers.get('allow'))}`;
      expect(res.status, answer).to.equal(204);
      expect(res.headers.get('allow')?.split(', '), answer).to.include.members([form.method, 'OPTIONS']);
      expect(res.headers.get('cache-control'), answer).to.equal('no-store');
      expect(await res.text(), answer).to.equal('');
    }
  });
});
