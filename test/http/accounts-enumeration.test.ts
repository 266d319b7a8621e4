import { expect } from 'chai';
import { ACCOUNT_TEST_ENV, comparable, newCredentials, postJson, templateTarget } from '../support/accounts.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('accounts: no enumeration on register, and concurrent duplicates', () => {
  let server: TestServer;
  let inbox: SmtpInbox;
  let target: string;
  before(async () => {
    inbox = await SmtpInbox.start();
    // Races of one address need more than the per-address mail quota (rate-limits-quotas tests that).
    server = await startTestServer({
      env: { ...ACCOUNT_TEST_ENV, SMTP_URL: inbox.url }, config: { rateLimits: { registrationsPerAddress: { limit: 100, windowSeconds: 3600 } } },
    });
    target = await templateTarget(server, 'register');
  });
  after(async () => {
    await server?.close();
    await inbox?.close();
  });

  async function accountsWith(column: 'email' | 'username', value: string): Promise<number> {
    const rows = await server.sql<{ n: string }>(`select count(*) as n from users where lower(${column}) = lower(?)`, [value]);
    return Number(rows[0]!.n);
  }

  it('answers a registered email exactly like a new one (status, headers but Date, body) and mails its owner a notice', async () => {
    const owner = newCredentials();
    const fresh = await comparable(await postJson(target, owner));
    expect(fresh.status).to.equal(202);
    const again = await comparable(await postJson(target, { ...newCredentials(), email: owner.email.toUpperCase() }));
    const other = await comparable(await postJson(target, newCredentials()));
    expect(again).to.deep.equal(fresh);
    expect(other).to.deep.equal(fresh);
    expect(new Map(fresh.headers).get('cache-control')).to.equal('no-store');

    expect(await accountsWith('email', owner.email)).to.equal(1);
    const activation = await inbox.waitForMailTo(owner.email, /activate/i);
    const notice = await inbox.waitFor((mail) => mail !== activation && mail.to.some((to) => to.toLowerCase() === owner.email.toLowerCase()));
    expect(notice.subject).to.match(/register/i);
    expect(notice.text).to.include('already has an account');
    expect(notice.text).to.not.match(/\/activation\//);
  });

  it('answers a taken username with the same 409 whatever the email: its own, another registered one, or a new one', async () => {
    const owner = newCredentials();
    const other = newCredentials();
    expect((await postJson(target, owner)).status).to.equal(202);
    expect((await postJson(target, other)).status).to.equal(202);
    const answers = await Promise.all([owner.email, other.email, newCredentials().email].map(async (email) =>
      comparable(await postJson(target, { username: owner.username, email, password: 'another long passphrase here' }))));
    expect(answers[0]!.status).to.equal(409);
    expect(answers[1]).to.deep.equal(answers[0]);
    expect(answers[2]).to.deep.equal(answers[0]);
    expect(await accountsWith('email', owner.email)).to.equal(1);
  });

  it('ends 10 concurrent registrations of one email (in varying case) in one account, all answered 202', async () => {
    const email = newCredentials().email;
    const bodies = Array.from({ length: 10 }, (_, i) => ({
      ...newCredentials('race'), email: i % 2 === 0 ? email : email.toUpperCase(),
    }));
    const statuses = (await Promise.all(bodies.map((body) => postJson(target, body)))).map((res) => res.status);
    expect(statuses).to.deep.equal(Array(10).fill(202));
    expect(await accountsWith('email', email)).to.equal(1);
    const [winner] = await server.sql<{ id: number }>('select id from users where lower(email) = lower(?)', [email]);
    const tokens = await server.sql('select id from activation_tokens where user_id = ?', [winner!.id]);
    expect(tokens).to.have.length(1);
  });

  it('ends 10 concurrent registrations of one username (in varying case) in one account: one 202, nine 409', async () => {
    const username = newCredentials('Race').username;
    const bodies = Array.from({ length: 10 }, (_, i) => ({
      ...newCredentials(), username: i % 3 === 0 ? username : i % 3 === 1 ? username.toUpperCase() : username.toLowerCase(),
    }));
    const responses = await Promise.all(bodies.map((body) => postJson(target, body)));
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses).to.deep.equal([202, ...Array(9).fill(409)]);
    for (const res of responses.filter((r) => r.status === 409)) {
      expect((await res.json()).type).to.equal('/problems/username-taken');
    }
    expect(await accountsWith('username', username)).to.equal(1);
  });
});
