import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { authorized, linkIn, onServer, ownPage, refusal } from '../support/account-life.ts';
import { ACCOUNT_TEST_ENV, createUser, newCredentials, postJson, templateTarget, type TestUser } from '../support/accounts.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login } from '../support/tokens.ts';

const HAL = 'application/hal+json';

/** change-email on the user themself, confirmed by mail before it takes effect (API.md §3, issue 18). */
describe('accounts: change email', () => {
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

  const ask = async (user: TestUser, newEmail: string, password = user.password) => {
    const body = JSON.stringify({ current_password: password, new_email: newEmail });
    const target = (await ownPage(user)).action('change-email').uri;
    return authorized(target, user.accessToken, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  };
  const emailOf = async (user: TestUser) => (await ownPage(user)).data.email as string;

  /** Asks for the change through the user's own page; resolves to the confirmation link (on this server) mailed to the new address. */
  async function requestChange(user: TestUser, newEmail: string): Promise<string> {
    await (await ownPage(user)).action('change-email').submit({ current_password: user.password, new_email: newEmail });
    return onServer(server, linkIn(await inbox.waitForMailTo(newEmail, /confirm your new/i), 'email-confirmation'));
  }

  it('mails the new address a link; GET shows confirm-email; POST changes the address, the old one gets a notice, and the new one logs in', async () => {
    const user = await createUser(server);
    const address = newCredentials().email;
    const url = await requestChange(user, address);
    expect(await emailOf(user), 'unchanged until confirmed').to.equal(user.email);
    const pending = await server.client().go(url).get();
    expect(pending.data).to.deep.equal({ username: user.username, email: address, status: 'pending' });
    expect((await fetch(url, { headers: { Accept: HAL } })).headers.get('cache-control')).to.equal('no-store');
    const done = await pending.action('confirm-email').submit({});
    expect(done.data).to.include({ email: address, status: 'done' });
    expect(done.links.has('index')).to.equal(true);
    expect(await emailOf(user)).to.equal(address);
    const notice = await inbox.waitForMailTo(user.email, /email address of your smilecook account was changed/i);
    expect(notice.text).to.match(/UTC/).and.not.include(address);
    expect((await login(server, address, user.password)).status).to.equal(200);
    expect((await login(server, user.email, user.password)).status).to.equal(401);
  });

  it('answers 202 alike whether or not another account has the address; its owner gets a notice instead of a link', async () => {
    const user = await createUser(server);
    const owner = await createUser(server);
    const answers = [];
    for (const address of [newCredentials().email, owner.email]) {
      const res = await ask(user, address);
      answers.push({ status: res.status, headers: [...res.headers].filter(([name]) => name !== 'date' && name !== 'x-request-id'), body: await res.text() });
    }
    expect(answers[0]!.status).to.equal(202);
    expect(answers[1]).to.deep.equal(answers[0]);
    const notice = await inbox.waitForMailTo(owner.email, /tried to move a smilecook account/i);
    expect(notice.text).to.not.match(/email-confirmation/);
    expect(await emailOf(user)).to.equal(user.email);
  });

  it('answers 409 when another account, active or pending, took the address meanwhile; the address stays', async () => {
    const user = await createUser(server);
    for (const takeIt of ['pending', 'active'] as const) {
      const address = newCredentials().email;
      const url = await requestChange(user, address);
      if (takeIt === 'pending') await postJson(await templateTarget(server, 'register'), { ...newCredentials(), email: address });
      else await createUser(server, { email: address });
      const res = await postJson(url, {}, { Accept: HAL });
      expect(res.status, takeIt).to.equal(409);
      expect(((await res.json()) as { type: string }).type).to.equal('/problems/email-taken');
      expect(await emailOf(user)).to.equal(user.email);
    }
  });

  it('answers 410 for a used, a replaced or an expired link, and 404 for an unknown one', async () => {
    const user = await createUser(server);
    const used = await requestChange(user, newCredentials().email);
    expect((await postJson(used, {}, { Accept: HAL })).status).to.equal(200);
    const replaced = await requestChange(user, newCredentials().email);
    const current = await requestChange(user, newCredentials().email);
    const expired = await requestChange(await createUser(server), newCredentials().email);
    await server.sql(`update account_tokens set expires_at = now() - interval '1 second' where token_hash = ?`,
      [createHash('sha256').update(expired.split('/').pop()!).digest('hex')]);
    for (const url of [used, replaced, expired]) {
      for (const res of [await fetch(url, { headers: { Accept: HAL } }), await postJson(url, {}, { Accept: HAL })]) {
        expect(res.status, url).to.equal(410);
        expect(((await res.json()) as { type: string }).type).to.equal('/problems/email-confirmation-gone');
      }
    }
    const unknown = `${current.slice(0, current.lastIndexOf('/'))}/${randomBytes(32).toString('base64url')}`;
    expect(await refusal(server.client().go(unknown).get())).to.deep.equal({ status: 404, type: 'not-found' });
    expect((await postJson(current, {}, { Accept: HAL })).status).to.equal(200);
  });

  it('serves a browser a page with a button that posts back, then the outcome in words', async () => {
    const user = await createUser(server);
    const address = newCredentials().email;
    const url = await requestChange(user, address);
    const page = await fetch(url, { headers: { Accept: 'text/html' } });
    expect([page.status, page.headers.get('cache-control')]).to.deep.equal([200, 'no-store']);
    const html = await page.text();
    expect(html).to.include(`<form method="post" action="${new URL(url).pathname}">`).and.include(address).and.not.include('<script');
    const done = await fetch(url, { method: 'POST', headers: { Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(done.status).to.equal(200);
    expect(await done.text()).to.include('Your email address was changed');
    const again = await fetch(url, { method: 'POST', headers: { Accept: 'text/html' } });
    expect(again.status).to.equal(410);
    expect(await again.text()).to.include('already used');
  });

  it('refuses a wrong current password (403 wrong-password), the address it has already (422), and anybody else (403)', async () => {
    const user = await createUser(server);
    const wrong = await ask(user, newCredentials().email, 'surely not the password');
    expect([wrong.status, ((await wrong.json()) as { type: string }).type]).to.deep.equal([403, '/problems/wrong-password']);
    const same = await ask(user, user.email);
    expect([same.status, ((await same.json()) as { errors: Array<{ pointer: string }> }).errors[0]!.pointer]).to.deep.equal([422, '/new_email']);
    const other = await createUser(server);
    const target = (await ownPage(user)).action('change-email').uri;
    const body = JSON.stringify({ current_password: other.password, new_email: newCredentials().email });
    const res = await authorized(target, other.accessToken, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect([res.status, ((await res.json()) as { type: string }).type]).to.deep.equal([403, '/problems/forbidden']);
  });
});
