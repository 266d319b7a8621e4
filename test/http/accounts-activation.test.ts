import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { Problem } from 'ketting';
import { ACCOUNT_TEST_ENV, newCredentials } from '../support/accounts.ts';
import { activationUrlIn, freePort, SmtpInbox } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';

describe('accounts: activation email and /activation/{token} (SMTP, PUBLIC_BASE_URL)', () => {
  let server: TestServer;
  let inbox: SmtpInbox;
  let base: string;
  before(async () => {
    inbox = await SmtpInbox.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startTestServer({ env: { ...ACCOUNT_TEST_ENV, PORT: String(port), PUBLIC_BASE_URL: base, SMTP_URL: inbox.url } });
  });
  after(async () => {
    await server?.close();
    await inbox?.close();
  });

  /** Registers through the root's template and returns the activation URL from the mail received over SMTP. */
  async function registerAndReceive(credentials = newCredentials()): Promise<{ url: string; token: string; email: string }> {
    const root = await server.client().go().get();
    await root.action('register').submit(credentials);
    const mail = await inbox.waitForMailTo(credentials.email, /activate/i);
    const url = activationUrlIn(mail);
    return { url, token: url.slice(url.lastIndexOf('/') + 1), email: credentials.email };
  }

  const statusOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 200;
    } catch (error) {
      if (error instanceof Problem) return error.status;
      throw error;
    }
  };

  it('mails the absolute PUBLIC_BASE_URL/activation/{token} with a random token (≥ 128 bits) stored only as a hash', async () => {
    const { url, token, email } = await registerAndReceive();
    const mail = inbox.mailsTo(email)[0]!;
    expect(mail.text).to.include(`${base}/activation/${token}`);
    expect(url).to.equal(`${base}/activation/${token}`);
    expect(token).to.match(/^[A-Za-z0-9_-]+$/);
    expect(token.length * 6, 'bits of base64url').to.be.at.least(128);
    const rows = await server.sql('select * from activation_tokens');
    expect(rows.length).to.be.greaterThan(0);
    expect(JSON.stringify(rows)).to.not.include(token);
    const hash = createHash('sha256').update(token).digest('hex');
    expect(rows.map((row) => row.token_hash)).to.include(hash);
    const other = await registerAndReceive();
    expect(other.token).to.not.equal(token);
  });

  it('GET shows the pending activation (HAL with activate, no-store) without consuming it', async () => {
    const { url } = await registerAndReceive();
    const state = await server.client().go(url).get();
    expect(state.hasAction('activate')).to.equal(true);
    expect(state.action('activate').method).to.equal('POST');
    expect(state.action('activate').uri).to.equal(url);
    expect(state.data).to.include({ status: 'pending' });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(url, { headers: { Accept: HAL } });
      expect(res.status).to.equal(200);
      expect(res.headers.get('cache-control')).to.equal('no-store');
      expect((await res.json())._templates.activate.method).to.equal('POST');
    }
  });

  it('GET for a browser is an HTML page whose form POSTs to the same link', async () => {
    const { url } = await registerAndReceive();
    const res = await fetch(url, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    expect(res.headers.get('vary')).to.match(/Accept/);
    const html = await res.text();
    expect(html).to.match(new RegExp(`<form method="post" action="${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">`));
    expect(html).to.match(/<button type="submit">[^<]+<\/button>/);
    const again = await fetch(url, { headers: { Accept: HAL } });
    expect(again.status, 'the HTML GET consumed nothing').to.equal(200);

    const posted = await fetch(url, { method: 'POST', headers: { Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(posted.status).to.equal(200);
    expect(posted.headers.get('content-type')).to.match(/^text\/html/);
    expect(posted.headers.get('cache-control')).to.equal('no-store');
    expect(await posted.text()).to.include(`href="${base}/"`);
  });

  it('POST activates (200, link to /, no-store) once: then 410, and the user can log in', async () => {
    const credentials = newCredentials();
    const { url } = await registerAndReceive(credentials);
    const client = server.client();
    const done = await (await client.go(url).get()).action('activate').submit({});
    expect(done.links.get('index')!.href).to.equal(`${base}/`);
    expect(done.hasAction('activate')).to.equal(false);
    expect(done.headers.get('cache-control')).to.equal('no-store');
    expect(done.data).to.include({ status: 'active', username: credentials.username });

    for (const method of ['POST', 'GET']) {
      const res = await fetch(url, { method, headers: { Accept: HAL } });
      expect(res.status, method).to.equal(410);
      expect(res.headers.get('cache-control')).to.equal('no-store');
      expect((await res.json()).type).to.equal(`${base}/problems/activation-gone`);
    }
    const root = await server.client().go().get();
    const tokens = await root.action('login').submit({ username: credentials.username, password: credentials.password });
    expect(tokens.data).to.have.property('access_token');
  });

  it('answers 404 for an unknown token and 410 for an expired one (nothing activated)', async () => {
    const { url, token, email } = await registerAndReceive();
    const unknown = url.replace(token, `${token.slice(0, -4)}AAAA`);
    for (const method of ['GET', 'POST']) {
      const res = await fetch(unknown, { method, headers: { Accept: HAL } });
      expect(res.status, method).to.equal(404);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(res.headers.get('cache-control')).to.equal('no-store');
    }
    await server.sql(`update activation_tokens set expires_at = now() - interval '1 minute'
      where user_id = (select id from users where email = ?)`, [email]);
    expect(await statusOf(server.client().go(url).get())).to.equal(410);
    const posted = await fetch(url, { method: 'POST' });
    expect(posted.status).to.equal(410);
    expect(posted.headers.get('cache-control')).to.equal('no-store');
    const [user] = await server.sql<{ is_active: boolean }>('select is_active from users where email = ?', [email]);
    expect(user!.is_active).to.equal(false);
  });
});
