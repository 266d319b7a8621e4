import { expect } from 'chai';
import { authorized } from '../support/account-life.ts';
import { createUser, newCredentials, postJson, templateTarget } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';

interface Answer {
  status: number;
  headers: Map<string, string>;
  body: string;
}

async function answerOf(res: Response): Promise<Answer> {
  return { status: res.status, headers: new Map([...res.headers].filter(([name]) => name !== 'date' && name !== 'x-request-id')), body: await res.text() };
}

/** An answer with its one field that changes with every request of the client (its own RateLimit count) left out. */
const withoutOwnCount = ({ headers, ...rest }: Answer) => ({ ...rest, headers: [...headers].filter(([name]) => name !== 'ratelimit') });

/** The remaining counts of the client's own limits in a RateLimit header: `{ default: 597, "reset-client": 17 }`. */
function ownCounts(answer: Answer): Record<string, number> {
  return Object.fromEntries([...(answer.headers.get('ratelimit') ?? '').matchAll(/"([^"]+)";r=(\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
}

/**
 * forgot-password tells nothing about an address (API.md §3, §10, issue 18): the same status, body and
 * headers for an active account, a pending one and an unknown address — and over the per-address mail
 * quota too; its only header that changes, RateLimit, counts the client's own requests alike for all.
 */
describe('accounts: forgot-password does not tell whether an address has an account', () => {
  let server: TestServer;
  let target: string;
  before(async () => {
    // No RATE_LIMIT_EXEMPT: the client's own limits and their headers are part of what is compared;
    // each test is another client (X-Forwarded-For from a trusted loopback proxy).
    server = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
    target = await templateTarget(server, 'forgot-password');
  });
  after(async () => {
    await server?.close();
  });

  const mailsTo = async (email: string) =>
    Number((await server.sql<{ n: string }>('select count(*) as n from mail_outbox where lower(recipient) = lower(?)', [email]))[0]!.n);
  let client = 0;
  beforeEach(() => {
    client += 1;
  });
  const from = () => ({ Accept: HAL, 'X-Forwarded-For': `203.0.113.${client}` });
  const ask = async (email: string) => answerOf(await postJson(target, { email }, from()));

  it('answers 202 alike, field by field, for an active account, a pending one and an unknown address; only the accounts get a mail', async () => {
    const active = await createUser(server);
    const pending = newCredentials();
    await postJson(await templateTarget(server, 'register'), pending);
    const unknown = newCredentials().email;
    const before = { active: await mailsTo(active.email), pending: await mailsTo(pending.email) };

    const answers = [await ask(active.email), await ask(pending.email.toUpperCase()), await ask(unknown)];
    expect(answers[0]!.status).to.equal(202);
    expect(answers[0]!.headers.get('cache-control')).to.equal('no-store');
    expect(JSON.parse(answers[0]!.body)).to.have.keys('_links', 'status', 'detail');
    for (const answer of answers.slice(1)) expect(withoutOwnCount(answer)).to.deep.equal(withoutOwnCount(answers[0]!));
    // The RateLimit field names the client's own limits only, and each request counts alike.
    const counts = answers.map(ownCounts);
    expect(Object.keys(counts[0]!).sort()).to.deep.equal(['default', 'reset-client']);
    expect(counts[1]!['reset-client']).to.equal(counts[0]!['reset-client']! - 1);
    expect(counts[2]!['reset-client']).to.equal(counts[1]!['reset-client']! - 1);
    expect(answers[0]!.headers.get('ratelimit-policy')).to.equal('"default";q=600;w=60, "reset-client";q=20;w=3600');

    expect(await mailsTo(active.email)).to.equal(before.active + 1);
    expect(await mailsTo(pending.email)).to.equal(before.pending + 1);
    expect(await mailsTo(unknown)).to.equal(0);
  });

  it('mails one address at most 5 times an hour; beyond, the same 202 — no header counts the address — and no mail', async () => {
    const user = await createUser(server);
    const unknown = newCredentials().email;
    const before = await mailsTo(user.email);
    const known: Answer[] = [];
    const strangers: Answer[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await ask(user.email));
      strangers.push(await ask(unknown));
    }
    expect(await mailsTo(user.email)).to.equal(before + 5);
    for (const answer of [...known, ...strangers]) {
      expect(withoutOwnCount(answer)).to.deep.equal(withoutOwnCount(known[0]!));
      expect([...answer.headers.values()].join('\n')).to.not.match(/address/i);
    }
  });

  it('is accepted from a logged-in caller too, alike', async () => {
    const user = await createUser(server);
    const res = await answerOf(await authorized(target, user.accessToken, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: newCredentials().email }),
    }));
    expect(res.status).to.equal(202);
    expect(JSON.parse(res.body).status).to.equal('accepted');
  });

  it('validates the email like register does (422 naming /email)', async () => {
    for (const body of [{ email: 'not an email' }, {}, { email: 'a@example.test', password: 'x' }]) {
      const res = await postJson(target, body, from());
      expect(res.status).to.equal(422);
      expect(((await res.json()) as { errors: Array<{ pointer: string }> }).errors[0]!.pointer).to.match(/^\/(email|password)$/);
    }
  });
});

describe('accounts: forgot-password is limited to 20 requests per client per hour', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('answers the 21st a 429 problem with Retry-After, whatever the address', async () => {
    const target = await templateTarget(server, 'forgot-password');
    for (let i = 0; i < 20; i++) expect((await postJson(target, { email: newCredentials().email })).status).to.equal(202);
    const refused = await postJson(target, { email: newCredentials().email }, { Accept: HAL });
    expect(refused.status).to.equal(429);
    expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 3600);
    expect(((await refused.json()) as { type: string }).type).to.equal('/problems/too-many-requests');
    expect(refused.headers.get('ratelimit')).to.match(/"reset-client";r=0;t=\d+/);
  });
});
