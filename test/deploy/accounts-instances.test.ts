import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { State } from 'ketting';
import { accepted, clientWith, linkIn, onServer } from '../support/account-life.ts';
import { ACCOUNT_TEST_ENV, createUser, type TestUser } from '../support/accounts.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login, type TokenPair } from '../support/tokens.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Two instances of one deployment (one schema, one Redis, one secret): ending a login on one refuses
 * its access tokens on the other at once (API.md §3, §12; issue 18).
 */
describe('accounts: sessions end on every instance at once', function () {
  let first: TestServer;
  let second: TestServer;
  let inbox: SmtpInbox;
  before(async function () {
    // The embedded PGlite serves a single connection: two live instances need TEST_DATABASE_URL.
    if (!process.env.TEST_DATABASE_URL) this.skip();
    inbox = await SmtpInbox.start();
    const env = { ...ACCOUNT_TEST_ENV, REDIS_URL, JWT_SECRET: randomBytes(32).toString('hex'), SMTP_URL: inbox.url };
    first = await startTestServer({ env });
    second = await startTestServer({ schema: first.config.databaseSchema, env });
  });
  after(async () => {
    await second?.close();
    await first?.close();
    await inbox?.close();
  });

  /** A second login of the user, through the second instance, with a user agent to find it by. */
  const loginOnSecond = async (user: TestUser, userAgent: string) =>
    (await (await login(second, user.username, user.password, { 'User-Agent': userAgent })).json()) as TokenPair;
  /** The user's own page on the first instance, by `me` (fresh). */
  const pageOnFirst = async (user: TestUser): Promise<State> => (await clientWith(first, user.accessToken).go().follow('me')).refresh();

  it('revoke on one instance: the session\'s access token is refused on the other at once', async () => {
    const user = await createUser(first);
    const phone = await loginOnSecond(user, 'Phone on the second instance');
    expect(await accepted(second, phone.access_token)).to.equal(true);
    const page = await pageOnFirst(user);
    const sessions = await clientWith(first, user.accessToken).go(page.links.get('sessions')!.href).refresh();
    const item = sessions.getEmbedded().find((state) => (state.data as { user_agent: string }).user_agent === 'Phone on the second instance')!;
    await item.action('revoke').submit({});
    expect(await accepted(second, phone.access_token)).to.equal(false);
    expect(await accepted(second, user.accessToken)).to.equal(true);
  });

  it('a password change on one instance ends the other sessions on the other at once; the caller\'s goes on', async () => {
    const user = await createUser(first);
    const laptop = await loginOnSecond(user, 'Laptop');
    expect(await accepted(second, laptop.access_token)).to.equal(true);
    await (await pageOnFirst(user)).action('change-password').submit({ current_password: user.password, new_password: 'changed on the first instance' });
    expect(await accepted(second, laptop.access_token)).to.equal(false);
    expect(await accepted(second, user.accessToken)).to.equal(true);
  });

  it('a password reset on one instance ends every session on the other at once', async () => {
    const user = await createUser(first);
    const laptop = await loginOnSecond(user, 'Laptop');
    await (await second.client().go().get()).action('forgot-password').submit({ email: user.email });
    const url = onServer(first, linkIn(await inbox.waitForMailTo(user.email, /reset your/i), 'password-reset'));
    await (await first.client().go(url).get()).action('reset-password').submit({ password: 'reset on the first instance' });
    for (const token of [laptop.access_token, user.accessToken]) expect(await accepted(second, token)).to.equal(false);
  });
});
