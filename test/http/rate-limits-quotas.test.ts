import { expect } from 'chai';
import { createUser, newCredentials, postJson, templateTarget } from '../support/accounts.ts';
import { limitItem } from '../support/rate-limits.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login } from '../support/tokens.ts';

const HAL = 'application/hal+json';

async function expectTooMany(res: Response, policy: string, windowSeconds: number): Promise<void> {
  expect(res.status, policy).to.equal(429);
  expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(res.headers.get('cache-control')).to.equal('no-store');
  expect((await res.json()).type).to.equal('/problems/too-many-requests');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).to.be.within(1, windowSeconds);
  expect(limitItem(res, 'RateLimit', policy)).to.deep.equal({ r: 0, t: retryAfter });
}

describe('rate limits: the per-client quota, by req.ip (TRUST_PROXY) and IPv6 /64', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: 'loopback' }, config: { rateLimits: { perClient: { limit: 3, windowSeconds: 60 } } } });
  });
  after(async () => {
    await server?.close();
  });

  const get = (client: string) => server.fetch('/', { headers: { Accept: HAL, 'X-Forwarded-For': client } });

  it('counts every request of a client and answers 429 with Retry-After over the quota', async () => {
    const remaining: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await server.fetch('/', { headers: { Accept: HAL, 'X-Forwarded-For': '203.0.113.1', Authorization: 'Bearer x.y.z' } });
      expect(res.status).to.equal(401); // counted before authentication, whatever the outcome
      remaining.push(limitItem(res, 'RateLimit', 'default')!.r!);
    }
    expect(remaining).to.deep.equal([2, 1, 0]);
    await expectTooMany(await get('203.0.113.1'), 'default', 60);
    expect((await get('203.0.113.2')).status, 'another client').to.equal(200);
    expect((await server.fetch('/health')).status, 'health probes are not limited').to.equal(200);
  });

  it('counts an IPv6 client by its /64 prefix', async () => {
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff::9']) expect((await get(address)).status).to.equal(200);
    await expectTooMany(await get('2001:db8:1:2::7'), 'default', 60);
    expect((await get('2001:db8:1:3::1')).status, 'another /64').to.equal(200);
  });
});

describe('rate limits: registrations, resends and failed logins per client', () => {
  let server: TestServer;
  let user: Awaited<ReturnType<typeof createUser>>;
  before(async () => {
    server = await startTestServer({
      config: {
        rateLimits: {
          registrationsPerClient: { limit: 4, windowSeconds: 3600 },
          resendsPerClient: { limit: 4, windowSeconds: 3600 },
          resendsPerAddress: { limit: 2, windowSeconds: 3600 },
          loginFailuresPerClient: { limit: 3, windowSeconds: 900 },
        },
      },
    });
    user = await createUser(server); // registration 1 of 4
  });
  after(async () => {
    await server?.close();
  });

  it('limits registrations per client, storing nothing and sending no mail once over', async () => {
    const register = await templateTarget(server, 'register');
    await createUser(server);
    expect((await postJson(register, newCredentials())).status).to.equal(202);
    expect((await postJson(register, { username: user.username, email: newCredentials().email, password: user.password })).status).to.equal(409);
    const refused = newCredentials();
    await expectTooMany(await postJson(register, refused), 'register', 3600);
    expect(await server.sql('select id from users where username = ?', [refused.username])).to.have.length(0);
    expect(await server.sql('select id from mail_outbox where recipient = ?', [refused.email])).to.have.length(0);
  });

  it('limits resend-activation per address and per client', async () => {
    const resend = await templateTarget(server, 'resend-activation');
    const [first, second] = [newCredentials().email, newCredentials().email];
    expect((await postJson(resend, { email: first })).status).to.equal(202);
    expect((await postJson(resend, { email: first.toUpperCase() })).status).to.equal(202);
    await expectTooMany(await postJson(resend, { email: first }), 'resend-address', 3600);
    expect((await postJson(resend, { email: second })).status, 'another address').to.equal(202);
    await expectTooMany(await postJson(resend, { email: newCredentials().email }), 'resend-client', 3600);
  });

  it('limits failed logins per client, whichever accounts they name; successful ones do not count', async () => {
    for (let i = 0; i < 4; i += 1) expect((await login(server, user.username, user.password)).status, 'success').to.equal(200);
    for (let i = 0; i < 3; i += 1) expect((await login(server, `someone_${i}`, 'a guessed password')).status).to.equal(401);
    await expectTooMany(await login(server, 'someone_else', 'a guessed password'), 'login-client', 900);
    await expectTooMany(await login(server, user.username, user.password), 'login-client', 900);
  });
});

describe('rate limits: the mails one address receives from registrations', () => {
  let server: TestServer;
  before(async () => {
    // Many clients (X-Forwarded-For, trusted from loopback) registering one address: the per-client limit is no help.
    server = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
  });
  after(async () => {
    await server?.close();
  });

  it('caps "already registered" notices per address, counting alike whether the address has an account', async () => {
    const register = await templateTarget(server, 'register');
    const taken = newCredentials();
    const fresh = newCredentials().email;
    const attempt = (email: string, i: number) =>
      postJson(register, { ...newCredentials(), email: i % 2 ? email.toUpperCase() : email }, { 'X-Forwarded-For': `198.51.100.${i + 1}` });
    const answers: Record<string, number[]> = { [taken.email]: [], [fresh]: [] };
    for (const email of [taken.email, fresh]) {
      for (let i = 0; i < 7; i += 1) answers[email]!.push((await attempt(email, i)).status);
    }
    expect(answers[taken.email]).to.deep.equal([...Array(5).fill(202), 429, 429]);
    expect(answers[fresh]).to.deep.equal(answers[taken.email]);
    const mails = await server.sql<{ n: string }>('select count(*) as n from mail_outbox where lower(recipient) = lower(?)', [taken.email]);
    expect(Number(mails[0]!.n)).to.equal(5); // one activation mail, four notices: never more than the quota
    const refused = await attempt(taken.email, 9);
    await expectTooMany(refused, 'register-address', 3600);
  });
});
