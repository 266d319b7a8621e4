import { expect } from 'chai';
import { ACCOUNT_TEST_ENV, comparable, createUser, newCredentials, postJson, templateTarget } from '../support/accounts.ts';
import { activationUrlIn, SmtpInbox, type ReceivedMail } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';

/**
 * resend-activation (API.md §3). A new link replaces the old ones: the old link answers
 * 410 Gone (activation-gone), as a used or expired one does.
 */
describe('accounts: resend-activation', () => {
  let server: TestServer;
  let inbox: SmtpInbox;
  let target: string;
  before(async () => {
    inbox = await SmtpInbox.start();
    server = await startTestServer({ env: { ...ACCOUNT_TEST_ENV, SMTP_URL: inbox.url } });
    target = await templateTarget(server, 'resend-activation');
  });
  after(async () => {
    await server?.close();
    await inbox?.close();
  });

  async function registerInactive(): Promise<{ email: string; first: ReceivedMail }> {
    const credentials = newCredentials();
    const root = await server.client().go().get();
    await root.action('register').submit(credentials);
    return { email: credentials.email, first: await inbox.waitForMailTo(credentials.email, /activate/i) };
  }

  const queuedFor = async (email: string) =>
    (await server.sql('select id from mail_outbox where lower(recipient) = lower(?)', [email])).length;

  it('answers 202 identically for an unknown address, an active account and an inactive one', async () => {
    const inactive = await registerInactive();
    const active = await createUser(server);
    const unknown = newCredentials().email;
    const mailsBefore = { active: await queuedFor(active.email), unknown: await queuedFor(unknown) };

    const answers = [];
    for (const email of [inactive.email, active.email.toUpperCase(), unknown]) {
      answers.push(await comparable(await postJson(target, { email })));
    }
    expect(answers[0]!.status).to.equal(202);
    expect(new Map(answers[0]!.headers).get('cache-control')).to.equal('no-store');
    expect(answers[1]).to.deep.equal(answers[0]);
    expect(answers[2]).to.deep.equal(answers[0]);

    // Mails are queued in the same transaction as the answer: nothing for the active and unknown ones.
    expect(await queuedFor(active.email)).to.equal(mailsBefore.active);
    expect(await queuedFor(unknown)).to.equal(mailsBefore.unknown);
    expect(await queuedFor(inactive.email)).to.equal(2);
  });

  it('mails an inactive account a new link; the old link then answers 410 and the new one activates', async () => {
    const { email, first } = await registerInactive();
    const oldUrl = server.url + new URL(activationUrlIn(first)).pathname;
    const root = await server.client().go().get();
    await root.action('resend-activation').submit({ email });
    const second = await inbox.waitFor((mail) => mail !== first && mail.to.includes(email) && /activate/i.test(mail.subject));
    const newUrl = server.url + new URL(activationUrlIn(second)).pathname;
    expect(newUrl).to.not.equal(oldUrl);

    for (const method of ['GET', 'POST']) {
      const res = await fetch(oldUrl, { method, headers: { Accept: HAL } });
      expect(res.status, method).to.equal(410);
      expect((await res.json()).type).to.equal('/problems/activation-gone');
    }
    const pending = await server.client().go(newUrl).get();
    const done = await pending.action('activate').submit({});
    expect(done.data).to.include({ status: 'active' });
  });

  it('validates the email like registration does (422 /email, unknown fields rejected)', async () => {
    for (const body of [{ email: 'not an email' }, {}, { email: 'a@example.test', username: 'x' }]) {
      const res = await postJson(target, body);
      expect(res.status).to.equal(422);
      const problem = await res.json() as { errors: { pointer: string }[] };
      expect(problem.errors[0]!.pointer).to.match(/^\/(email|username)$/);
    }
  });
});
