import { expect } from 'chai';
import { createUser, newCredentials, postJson, templateTarget } from '../support/accounts.ts';
import { limitItem } from '../support/rate-limits.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { bearer, login } from '../support/tokens.ts';

const HAL = 'application/hal+json';

async function expectTooMany(res: Response, policy: string, windowSeconds: number): Promise<number> {
  expect(res.status, policy).to.equal(429);
  expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect((await res.json()).type).to.equal('/problems/too-many-requests');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).to.be.within(1, windowSeconds);
  expect(limitItem(res, 'RateLimit', policy)).to.deep.equal({ r: 0, t: retryAfter });
  return retryAfter;
}

describe('rate limits with the default policies, in memory (API.md §10)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('sends RateLimit-Policy on every response, and RateLimit only on those not marked public', async () => {
    const anonymous = await server.fetch('/', { headers: { Accept: HAL } });
    expect(anonymous.headers.get('cache-control')).to.match(/^public/);
    expect(anonymous.headers.get('ratelimit-policy')).to.equal('"default";q=600;w=60');
    expect(anonymous.headers.get('ratelimit')).to.equal(null);
    const notModified = await server.fetch('/', { headers: { Accept: HAL, 'If-None-Match': anonymous.headers.get('etag')! } });
    expect(notModified.status).to.equal(304);
    expect(notModified.headers.get('ratelimit')).to.equal(null);
    const profile = /<([^>]+)>; rel="profile"/.exec(anonymous.headers.get('link')!)![1]!;
    const schema = await server.fetch(profile);
    expect(schema.headers.get('cache-control')).to.match(/^public/);
    expect(schema.headers.get('ratelimit-policy')).to.equal('"default";q=600;w=60');
    expect(schema.headers.get('ratelimit')).to.equal(null);

    const user = await createUser(server);
    const first = await server.fetch('/', { headers: { Accept: HAL, ...bearer(user.accessToken) } });
    // Without TRUST_PROXY, X-Forwarded-For is not believed: still the same client.
    const second = await server.fetch('/', { headers: { Accept: HAL, ...bearer(user.accessToken), 'X-Forwarded-For': '198.51.100.7' } });
    expect(first.headers.get('cache-control')).to.match(/^private/);
    const [a, b] = [limitItem(first, 'RateLimit', 'default')!, limitItem(second, 'RateLimit', 'default')!];
    expect(a.r).to.be.within(0, 599);
    expect(a.t).to.be.within(1, 60);
    expect(b.r).to.equal(a.r! - 1);
  });

  it('announces the login, registration and resend policies on their templates\' targets', async () => {
    const failed = await login(server, 'nobody_at_all', 'some password or other');
    expect(failed.status).to.equal(401);
    expect(failed.headers.get('ratelimit-policy')).to.equal('"default";q=600;w=60, "login-client";q=100;w=900, "login-account";q=10;w=900');
    expect(limitItem(failed, 'RateLimit', 'login-client')!.r).to.be.within(0, 99);
    expect(limitItem(failed, 'RateLimit', 'login-account')).to.equal(undefined); // another person's count is not told
    const register = await postJson(await templateTarget(server, 'register'), newCredentials());
    expect(register.status).to.equal(202);
    expect(register.headers.get('ratelimit-policy')).to.equal('"default";q=600;w=60, "register";q=20;w=3600, "register-address";q=5;w=3600');
    const resend = await postJson(await templateTarget(server, 'resend-activation'), { email: newCredentials().email });
    expect(resend.status).to.equal(202);
    expect(resend.headers.get('ratelimit-policy')).to.equal('"default";q=600;w=60, "resend-client";q=10;w=3600, "resend-address";q=5;w=3600');
  });

  it('after 10 failed logins on an account refuses every attempt on it, the right password too; successes do not count', async () => {
    const user = await createUser(server);
    const other = await createUser(server);
    for (let i = 0; i < 9; i += 1) expect((await login(server, user.username, `wrong password number ${i}`)).status).to.equal(401);
    for (let i = 0; i < 3; i += 1) expect((await login(server, user.username, user.password)).status, 'success').to.equal(200);
    expect((await login(server, user.username.toUpperCase(), 'the tenth wrong password')).status).to.equal(401);
    const refused = await login(server, user.username, user.password);
    const retryAfter = await expectTooMany(refused, 'login-account', 900);
    expect(retryAfter).to.be.greaterThan(800); // until the 15-minute window of the first failure ends
    expect((await login(server, user.username, 'yet another wrong one')).status).to.equal(429);
    expect((await login(server, user.email.toUpperCase(), user.password)).status, 'the same account by its email').to.equal(429);
    expect((await login(server, other.username, other.password)).status, 'another account, same client').to.equal(200);
  });

  it('throttles names of unknown accounts exactly like known ones (no enumeration)', async () => {
    const user = await createUser(server);
    const ghost = `ghost_${user.username}`.slice(0, 30);
    const answers: Record<string, { status: number; type: string; policy: string | null }[]> = { [user.username]: [], [ghost]: [] };
    for (const name of [user.username, ghost]) {
      for (let i = 0; i < 11; i += 1) {
        const res = await login(server, name, `wrong password number ${i}`);
        answers[name]!.push({ status: res.status, type: (await res.json()).type, policy: res.headers.get('ratelimit-policy') });
      }
    }
    expect(answers[ghost]).to.deep.equal(answers[user.username]);
    expect(answers[ghost]!.map((a) => a.status)).to.deep.equal([...Array(10).fill(401), 429]);
  });
});

describe('rate limits: exempt clients (RATE_LIMIT_EXEMPT)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      env: { RATE_LIMIT_EXEMPT: '127.0.0.1' },
      config: { rateLimits: { perClient: { limit: 3, windowSeconds: 60 }, loginFailuresPerClient: { limit: 2, windowSeconds: 900 } } },
    });
  });
  after(async () => {
    await server?.close();
  });

  it('lifts the per-client limits only: the per-account login limit and the per-address resend limit still apply', async () => {
    for (let i = 0; i < 6; i += 1) {
      const res = await server.fetch('/', { headers: { Accept: HAL } });
      expect(res.status).to.equal(200);
      expect(res.headers.get('ratelimit-policy')).to.equal(null);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await login(server, 'exempt_but_guessing', `wrong ${i}`)).status);
    expect(statuses).to.deep.equal([...Array(10).fill(401), 429]);
    const resend = await templateTarget(server, 'resend-activation');
    const email = newCredentials().email;
    const resends: number[] = [];
    for (let i = 0; i < 6; i += 1) resends.push((await postJson(resend, { email: email.toUpperCase() })).status);
    expect(resends).to.deep.equal([202, 202, 202, 202, 202, 429]);
  });
});
