import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { accepted, linkIn, onServer, refusal } from '../support/account-life.ts';
import { ACCOUNT_TEST_ENV, createUser, newCredentials, postJson, templateTarget } from '../support/accounts.ts';
import { capturedLogger } from '../support/log-capture.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login, loginPair } from '../support/tokens.ts';

const HAL = 'application/hal+json';
const NEW_PASSWORD = 'a fresh passphrase after the reset';

/** Forgot password → reset (API.md §3, issue 18), from `/` as a stranger's client would, with a real SMTP server. */
describe('accounts: forgot password, then reset it by the emailed link', () => {
  let server: TestServer;
  let inbox: SmtpInbox;
  const logs = capturedLogger('info');
  before(async () => {
    inbox = await SmtpInbox.start();
    server = await startTestServer({ env: { ...ACCOUNT_TEST_ENV, SMTP_URL: inbox.url }, logger: logs.logger });
  });
  after(async () => {
    await server?.close();
    await inbox?.close();
  });

  /** Asks for a reset through the root's `forgot-password` template; resolves to the emailed link (on this server) and its token. */
  async function forgot(email: string): Promise<{ url: string; token: string }> {
    const before = inbox.mailsTo(email).length;
    const root = await server.client().go().get();
    await root.action('forgot-password').submit({ email });
    const mail = await inbox.waitFor((m) => m.to.includes(email.toLowerCase()) && /reset your/i.test(m.subject) && inbox.mailsTo(email).indexOf(m) >= before);
    const url = onServer(server, linkIn(mail, 'password-reset'));
    return { url, token: url.split('/').pop()! };
  }

  const problemType = async (res: Response) => ((await res.json()) as { type: string }).type;

  it('mails an absolute PUBLIC_BASE_URL/password-reset/{token} link (≥ 128 random bits, stored only as a hash)', async () => {
    const user = await createUser(server);
    const { url, token } = await forgot(user.email);
    expect(token.length * 6, 'bits of base64url').to.be.at.least(128);
    const rows = await server.sql<{ token_hash: string }>(`select token_hash from account_tokens where purpose = 'password-reset'`);
    expect(JSON.stringify(rows)).to.not.include(token);
    expect(rows.map((row) => row.token_hash)).to.include(createHash('sha256').update(token).digest('hex'));
    expect((await forgot(user.email)).url).to.not.equal(url);
  });

  it('GET shows the pending reset (reset-password, no-store) without consuming it; POST sets the password, answers 200 with a link home, '
    + 'logs nobody in', async () => {
    const user = await createUser(server);
    const { url } = await forgot(user.email);
    const anonymous = server.client();
    for (let i = 0; i < 2; i++) {
      const pending = await anonymous.go(url).refresh();
      expect(pending.data).to.deep.equal({ username: user.username, status: 'pending' });
      expect(pending.hasAction('reset-password')).to.equal(true);
      expect(pending.action('reset-password').fields.map((field) => [field.name, field.type])).to.deep.equal([['password', 'password']]);
    }
    expect((await fetch(url, { headers: { Accept: HAL } })).headers.get('cache-control')).to.equal('no-store');

    const done = await (await anonymous.go(url).get()).action('reset-password').submit({ password: NEW_PASSWORD });
    expect(done.data).to.deep.equal({ username: user.username, status: 'done' });
    expect(done.links.get('index')?.href).to.match(/\/$/);
    expect(done.hasAction('reset-password')).to.equal(false);
    expect(JSON.stringify(done.data)).to.not.match(/token/);

    expect((await login(server, user.username, user.password)).status).to.equal(401);
    expect((await login(server, user.username, NEW_PASSWORD)).status).to.equal(200);
    const notice = await inbox.waitForMailTo(user.email, /password was reset/i);
    expect(notice.text).to.match(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(notice.text).to.not.include(NEW_PASSWORD).and.not.include(url.split('/').pop()!);
  });

  it('ends every session of the account at once: its access tokens are refused and its refresh tokens too', async () => {
    const user = await createUser(server);
    const second = await loginPair(server, user.username, user.password);
    const { url } = await forgot(user.email);
    expect(await accepted(server, second.access_token)).to.equal(true);
    await (await server.client().go(url).get()).action('reset-password').submit({ password: NEW_PASSWORD });
    for (const token of [user.accessToken, second.access_token]) expect(await accepted(server, token)).to.equal(false);
    for (const refresh of [user.refreshToken, second.refresh_token]) {
      expect((await postJson(await templateTarget(server, 'refresh'), { refresh_token: refresh })).status).to.equal(401);
    }
  });

  it('activates an account still pending: the mail proved the address', async () => {
    const pending = newCredentials();
    await (await server.client().go().get()).action('register').submit(pending);
    expect((await login(server, pending.username, pending.password)).status).to.equal(403);
    const { url } = await forgot(pending.email);
    await (await server.client().go(url).get()).action('reset-password').submit({ password: NEW_PASSWORD });
    expect((await login(server, pending.email, NEW_PASSWORD)).status).to.equal(200);
  });

  it('refuses what register refuses (422: too short, too long, a common password) and the link stays usable', async () => {
    const user = await createUser(server);
    const { url } = await forgot(user.email);
    for (const [password, detail] of [['too short', /15/], ['x'.repeat(257), /256/], ['1qaz2wsx3edc4rfv', /common/]] as const) {
      const res = await postJson(url, { password }, { Accept: HAL });
      expect(res.status, password).to.equal(422);
      const problem = (await res.json()) as { errors: Array<{ pointer: string; detail: string }> };
      expect(problem.errors.map((e) => e.pointer)).to.deep.equal(['/password']);
      expect(problem.errors[0]!.detail).to.match(detail);
    }
    expect((await postJson(url, { password: NEW_PASSWORD }, { Accept: HAL })).status).to.equal(200);
  });

  it('answers 410 for a used, a replaced or an expired link (GET and POST), and 404 for an unknown one', async () => {
    const user = await createUser(server);
    const used = await forgot(user.email);
    expect((await postJson(used.url, { password: NEW_PASSWORD }, { Accept: HAL })).status).to.equal(200);
    const replaced = await forgot(user.email);
    const current = await forgot(user.email);
    const expired = await forgot((await createUser(server)).email);
    // The clock moves in the database: the link was mailed more than an hour ago.
    await server.sql(`update account_tokens set created_at = created_at - interval '61 minutes', expires_at = expires_at - interval '61 minutes'
      where token_hash = ?`, [createHash('sha256').update(expired.token).digest('hex')]);
    for (const link of [used, replaced, expired]) {
      for (const res of [await fetch(link.url, { headers: { Accept: HAL } }), await postJson(link.url, { password: NEW_PASSWORD }, { Accept: HAL })]) {
        expect(res.status, link.url).to.equal(410);
        expect(await problemType(res)).to.equal('/problems/password-reset-gone');
      }
    }
    const unknown = `${current.url.slice(0, current.url.lastIndexOf('/'))}/${randomBytes(32).toString('base64url')}`;
    expect(await refusal(server.client().go(unknown).get())).to.deep.equal({ status: 404, type: 'not-found' });
    expect((await postJson(current.url, { password: NEW_PASSWORD }, { Accept: HAL })).status, 'the newest link works').to.equal(200);
  });

  it('serves people in a browser a page: a plain form that posts back (no script), the refusal in words, then the outcome', async () => {
    const user = await createUser(server);
    const { url } = await forgot(user.email);
    const page = await fetch(url, { headers: { Accept: 'text/html' } });
    expect([page.status, page.headers.get('content-type'), page.headers.get('cache-control')]).to.deep.equal([200, 'text/html; charset=utf-8', 'no-store']);
    const html = await page.text();
    expect(html).to.include(`<form method="post" action="${new URL(url).pathname}">`).and.include('type="password"').and.include('autocomplete="new-password"');
    expect(html).to.not.include('<script');
    const post = (password: string) => fetch(url, {
      method: 'POST', headers: { Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password }),
    });
    const refused = await post('1qaz2wsx3edc4rfv');
    expect(refused.status).to.equal(422);
    expect(await refused.text()).to.match(/common/).and.include('<form method="post"');
    const done = await post(NEW_PASSWORD);
    expect(done.status).to.equal(200);
    expect(await done.text()).to.include('Your password was changed');
    expect((await login(server, user.username, NEW_PASSWORD)).status).to.equal(200);
    const gone = await fetch(url, { headers: { Accept: 'text/html' } });
    expect(gone.status).to.equal(410);
    expect(await gone.text()).to.include('already used');
  });

  it('never logs a reset token or a password', async () => {
    const user = await createUser(server);
    const { url, token } = await forgot(user.email);
    await fetch(url, { headers: { Accept: HAL } });
    await postJson(url, { password: NEW_PASSWORD }, { Accept: HAL });
    // A request is logged by its action, never by its path (API.md §13).
    expect(logs.lines.filter((line) => line.msg === 'request').map((line) => line.action)).to.include.members(['password-reset', 'reset-password']);
    expect(logs.text()).to.not.include(token).and.not.include(NEW_PASSWORD);
  });
});
