import { expect } from 'chai';
import { accepted, authorized, clientWith, ownPage, refusal } from '../support/account-life.ts';
import { ACCOUNT_TEST_ENV, createUser, postJson, templateTarget, type TestUser } from '../support/accounts.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login, loginPair } from '../support/tokens.ts';

const HAL = 'application/hal+json';
const NEW_PASSWORD = 'another long passphrase, changed';

/** change-password on the user themself (API.md §3, issue 18), and /.well-known/change-password. */
describe('accounts: change password', () => {
  let server: TestServer;
  let inbox: SmtpInbox;
  before(async () => {
    inbox = await SmtpInbox.start();
    server = await startTestServer({ env: { ...ACCOUNT_TEST_ENV, SMTP_URL: inbox.url } });
  });
  after(async () => {
    await server?.close();
    await inbox?.close();
  });

  const refresh = async (refreshToken: string) => (await postJson(await templateTarget(server, 'refresh'), { refresh_token: refreshToken })).status;
  const change = async (user: TestUser, body: object, token = user.accessToken) =>
    authorized((await ownPage(user)).action('change-password').uri, token, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });

  it('answers 204: the new password logs in and the old one not; every other session ends at once, the caller\'s stays; a notice is mailed', async () => {
    const user = await createUser(server);
    const [second, third] = [await loginPair(server, user.username, user.password), await loginPair(server, user.email, user.password)];
    const page = await ownPage(user);
    await page.action('change-password').submit({ current_password: user.password, new_password: NEW_PASSWORD });
    expect(await accepted(server, user.accessToken), 'the caller\'s session').to.equal(true);
    for (const other of [second, third]) {
      expect(await accepted(server, other.access_token)).to.equal(false);
      expect(await refresh(other.refresh_token)).to.equal(401);
    }
    expect(await refresh(user.refreshToken)).to.equal(200);
    expect((await login(server, user.username, user.password)).status).to.equal(401);
    expect((await login(server, user.username, NEW_PASSWORD)).status).to.equal(200);
    const notice = await inbox.waitForMailTo(user.email, /password was changed/i);
    expect(notice.text).to.match(/UTC/).and.not.include(NEW_PASSWORD).and.not.include(user.password);
  });

  it('refuses a wrong current password (403 wrong-password) and a new one register would refuse (422), changing nothing', async () => {
    const user = await createUser(server);
    const wrong = await change(user, { current_password: 'not my password at all', new_password: NEW_PASSWORD });
    expect(wrong.status).to.equal(403);
    expect(((await wrong.json()) as { type: string }).type).to.equal('/problems/wrong-password');
    for (const new_password of ['short one', '1qaz2wsx3edc4rfv']) {
      const res = await change(user, { current_password: user.password, new_password });
      expect(res.status, new_password).to.equal(422);
      expect(((await res.json()) as { errors: Array<{ pointer: string }> }).errors[0]!.pointer).to.equal('/new_password');
    }
    expect((await login(server, user.username, user.password)).status).to.equal(200);
  });

  it('is offered to the user themself only: others get no template and a 403, anonymous callers a 401', async () => {
    const [owner, other] = [await createUser(server), await createUser(server)];
    const target = (await ownPage(owner)).action('change-password').uri;
    const seenByOther = await clientWith(server, other.accessToken).go(target.replace(/\/password$/, '')).get();
    expect(seenByOther.hasAction('change-password')).to.equal(false);
    const asOther = await change(owner, { current_password: other.password, new_password: NEW_PASSWORD }, other.accessToken);
    expect(asOther.status).to.equal(403);
    expect(((await asOther.json()) as { type: string }).type).to.equal('/problems/forbidden');
    const anonymous = await postJson(target, { current_password: owner.password, new_password: NEW_PASSWORD }, { Accept: HAL });
    expect([anonymous.status, anonymous.headers.get('www-authenticate')]).to.deep.equal([401, 'Bearer realm="smilecook"']);
  });

  it('/.well-known/change-password answers 302 to the URL of the me link, without a login', async () => {
    const user = await createUser(server);
    const me = (await user.client.go().get()).links.get('me')!.href;
    const res = await fetch(`${server.url}/.well-known/change-password`, { redirect: 'manual', headers: { Accept: 'text/html' } });
    expect(res.status).to.equal(302);
    expect(new URL(res.headers.get('location')!, server.root).href).to.equal(new URL(me, server.root).href);
    expect(res.headers.get('cache-control')).to.equal('no-cache');
    const loggedIn = await fetch(`${server.url}/.well-known/change-password`, { redirect: 'manual', headers: { Authorization: `Bearer ${user.accessToken}` } });
    expect([loggedIn.status, loggedIn.headers.get('cache-control')], 'with Authorization: private (API.md §8)').to.deep.equal([302, 'private, no-cache']);
  });
});

/**
 * A wrong current password counts as a failed login for the per-account limit (API.md §3, §10): after
 * 10, every attempt on the account that checks a password — the right one too, logged in too — is 429.
 */
describe('accounts: wrong passwords in account changes count toward the per-account login limit', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: ACCOUNT_TEST_ENV });
  });
  after(async () => {
    await server?.close();
  });

  it('after 10 failures, from logins and changes alike, refuses every password check on the account with 429', async () => {
    const user = await createUser(server);
    const bystander = await createUser(server);
    const page = await ownPage(user);
    const wrong = 'a wrong password, surely';
    for (let i = 0; i < 5; i++) {
      expect((await login(server, user.email, wrong)).status).to.equal(401);
      expect(await refusal(page.action('change-password').submit({ current_password: wrong, new_password: NEW_PASSWORD })))
        .to.deep.equal({ status: 403, type: 'wrong-password' });
    }
    const right = user.password;
    const attempts = {
      'change-password': () => page.action('change-password').submit({ current_password: right, new_password: NEW_PASSWORD }),
      'change-email': () => page.action('change-email').submit({ current_password: right, new_email: 'elsewhere@example.test' }),
      'delete-account': () => page.action('delete-account').submit({ password: right }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      expect(await refusal(attempt()), name).to.deep.equal({ status: 429, type: 'too-many-requests' });
    }
    const loggingIn = await login(server, user.username, right);
    expect([loggingIn.status, loggingIn.headers.get('retry-after')]).to.satisfy(([status, after]: [number, string]) => status === 429 && Number(after) > 0);
    expect(await accepted(server, user.accessToken), 'the session itself goes on').to.equal(true);
    expect((await login(server, bystander.username, bystander.password)).status, 'another account').to.equal(200);
  });
});
