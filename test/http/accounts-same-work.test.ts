import { expect } from 'chai';
import { authorized, ownPage } from '../support/account-life.ts';
import { ACCOUNT_TEST_ENV, createUser, newCredentials, postJson, templateTarget, type TestUser } from '../support/accounts.ts';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server.ts';
import { shapeOf, WireLog } from '../support/wire-log.ts';

/** What the mail sender does on its own (woken after every request alike, or by its poll): not a request's work. */
const SENDER = /^update mail_outbox set (next_attempt_at|sent_at|last_error)/;

/**
 * "Same answer, same work" (API.md §3, issue 18 and the audit of issue 19: resend-activation took 2× longer
 * for a pending account): the flows that must not tell whether an address has an account send the database
 * the very same statements — the same shapes, in the same order, values aside — on every path. Compared on
 * the wire between the app and PostgreSQL, never by timing.
 */
describe('accounts: the same work whether or not an address has an account', () => {
  let server: TestServer;
  let wire: WireLog;
  before(async () => {
    const database = new URL((await testDatabase()).url);
    wire = new WireLog(database.hostname, Number(database.port || 5432));
    await wire.start();
    server = await startTestServer({
      env: ACCOUNT_TEST_ENV, connectVia: (url) => wire.via(url), config: { rateLimits: { resetMailsPerAddress: { limit: 1, windowSeconds: 3600 } } },
    });
  });
  after(async () => {
    await server?.close();
    await wire?.close();
  });

  /** The shapes of the statements a request sends while it runs (the mail sender's own left out). */
  async function workOf(request: () => Promise<Response>): Promise<string[]> {
    const from = wire.statements.length;
    const res = await request();
    expect(res.status, await res.clone().text()).to.equal(202);
    return wire.statements.slice(from).map(shapeOf).filter((shape) => !SENDER.test(shape));
  }

  async function pendingAccount(): Promise<string> {
    const credentials = newCredentials();
    await postJson(await templateTarget(server, 'register'), credentials);
    return credentials.email;
  }

  it('resend-activation: a pending account, an active one and an unknown address', async () => {
    const target = await templateTarget(server, 'resend-activation');
    const [pending, active] = [await pendingAccount(), (await createUser(server)).email];
    const works = [];
    for (const email of [pending, active, newCredentials().email]) works.push(await workOf(() => postJson(target, { email })));
    expect(works[0]!.join('\n')).to.match(/insert into activation_tokens/).and.match(/insert into mail_outbox/);
    expect(works[1]).to.deep.equal(works[0]);
    expect(works[2]).to.deep.equal(works[0]);
  });

  it('forgot-password: an active account, a pending one, an unknown address, and an address over its mail quota', async () => {
    const target = await templateTarget(server, 'forgot-password');
    const active = (await createUser(server)).email;
    const works = [];
    for (const email of [active, await pendingAccount(), newCredentials().email, active]) works.push(await workOf(() => postJson(target, { email })));
    const queued = Number((await server.sql<{ n: string }>('select count(*) as n from mail_outbox where recipient = ?', [active]))[0]!.n);
    expect(queued, 'the activation mail and one reset mail: the second request was over the quota').to.equal(2);
    expect(works[0]!.join('\n')).to.match(/insert into account_tokens/).and.match(/insert into mail_outbox/);
    for (const work of works.slice(1)) expect(work).to.deep.equal(works[0]);
  });

  it('change-email: an address nobody has, and one another account has (whose owner gets a notice instead)', async () => {
    const user: TestUser = await createUser(server);
    const taken = (await createUser(server)).email;
    const target = (await ownPage(user)).action('change-email').uri;
    const change = (email: string) => () => authorized(target, user.accessToken, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ current_password: user.password, new_email: email }),
    });
    const works = [await workOf(change(newCredentials().email)), await workOf(change(taken)), await workOf(change(taken.toUpperCase()))];
    expect(works[0]!.join('\n')).to.match(/insert into account_tokens/).and.match(/insert into mail_outbox/);
    expect(works[1]).to.deep.equal(works[0]);
    expect(works[2]).to.deep.equal(works[0]);
  });
});
