import { expect } from 'chai';
import { createUser, newCredentials, postJson, templateTarget } from '../support/accounts.ts';
import { limitItems } from '../support/rate-limits.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login } from '../support/tokens.ts';

/** The policy names a response tells of, in RateLimit-Policy and in RateLimit. */
function policiesTold(res: Response): { policy: string[]; limit: string[] } {
  return {
    policy: limitItems(res.headers.get('ratelimit-policy')).map((item) => item.name),
    limit: limitItems(res.headers.get('ratelimit')).map((item) => item.name),
  };
}

/**
 * API.md §10: RateLimit and RateLimit-Policy tell a client of its own limits only. A limit counted per
 * account or per address would tell a stranger about that account or address (the audit counted recent
 * sign-ups from `"register-address";r=…;t=…`).
 */
describe('rate limit headers: only the client\'s own limits', () => {
  let server: TestServer;
  before(async () => {
    // Many registrations of one address from many clients (X-Forwarded-For, trusted from loopback).
    server = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
  });
  after(async () => {
    await server?.close();
  });

  it('register tells nothing about the address: the same policies for a fresh address and one registered a minute ago', async () => {
    const register = await templateTarget(server, 'register');
    const taken = newCredentials();
    expect((await postJson(register, taken, { 'X-Forwarded-For': '198.51.100.1' })).status).to.equal(202);
    const again = await postJson(register, { ...newCredentials(), email: taken.email }, { 'X-Forwarded-For': '198.51.100.2' });
    const fresh = await postJson(register, newCredentials(), { 'X-Forwarded-For': '198.51.100.3' });
    expect([again.status, fresh.status]).to.deep.equal([202, 202]);
    for (const res of [again, fresh]) {
      expect(policiesTold(res)).to.deep.equal({ policy: ['default', 'register'], limit: ['default', 'register'] });
    }
  });

  it('register over the per-address quota: a 429 with Retry-After that names no per-address count', async () => {
    const register = await templateTarget(server, 'register');
    const email = newCredentials().email;
    let refused: Response | undefined;
    for (let i = 0; i < 8 && !refused; i += 1) {
      const res = await postJson(register, { ...newCredentials(), email }, { 'X-Forwarded-For': `198.51.100.${i + 10}` });
      if (res.status === 429) refused = res;
    }
    expect(refused, 'the per-address quota').to.not.equal(undefined);
    expect(refused!.headers.get('retry-after')).to.match(/^\d+$/);
    expect(policiesTold(refused!)).to.deep.equal({ policy: ['default', 'register'], limit: ['default', 'register'] });
  });

  it('resend-activation tells nothing about the address, below and over its quota', async () => {
    const resend = await templateTarget(server, 'resend-activation');
    const email = newCredentials().email;
    const told: Array<ReturnType<typeof policiesTold>> = [];
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const res = await postJson(resend, { email }, { 'X-Forwarded-For': `198.51.100.${i + 30}` });
      statuses.push(res.status);
      told.push(policiesTold(res));
    }
    expect(statuses.at(-1)).to.equal(429);
    for (const item of told) expect(item).to.deep.equal({ policy: ['default', 'resend-client'], limit: ['default', 'resend-client'] });
  });

  it('login tells the client\'s own count, never the account\'s, even once the account is locked', async () => {
    const user = await createUser(server);
    const answers: Response[] = [];
    for (let i = 0; i < 11; i += 1) answers.push(await login(server, user.username, `wrong password number ${i}`));
    expect(answers.map((res) => res.status)).to.deep.equal([...Array(10).fill(401), 429]);
    for (const res of answers) expect(policiesTold(res)).to.deep.equal({ policy: ['default', 'login-client'], limit: ['default', 'login-client'] });
  });
});
