import { expect } from 'chai';
import { Redis } from 'ioredis';
import { limitItem } from '../support/rate-limits.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login } from '../support/tokens.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const HAL = 'application/hal+json';
const privateGet = (server: TestServer) => server.fetch('/', { headers: { Accept: HAL, Authorization: 'Bearer not-a-token' } });

describe('rate limits counted in Redis (REDIS_URL)', () => {
  let server: TestServer;
  let redis: Redis;
  before(async () => {
    server = await startTestServer({ env: { REDIS_URL } });
    redis = new Redis(REDIS_URL);
  });
  after(async () => {
    await redis?.quit();
    await server?.close();
  });

  it('keeps each count in Redis under the deployment\'s key prefix, login names hashed', async () => {
    const res = await privateGet(server);
    const { r } = limitItem(res, 'RateLimit', 'default')!;
    expect(Number(await redis.get(`${server.config.redisKeyPrefix}rl:default:127.0.0.1`))).to.equal(600 - r!);
    const name = `counted_${Date.now()}`;
    expect((await login(server, name, 'a wrong password')).status).to.equal(401);
    const keys = await redis.keys(`${server.config.redisKeyPrefix}rl:login-account:*`);
    expect(keys).to.have.length(1);
    expect(keys[0]).to.not.include(name);
    expect(await redis.get(keys[0]!)).to.equal('1');
  });
});

describe('rate limits shared by two instances through Redis', function () {
  let first: TestServer;
  let second: TestServer;
  before(async function () {
    // The embedded PGlite serves a single connection: two live instances need TEST_DATABASE_URL.
    if (!process.env.TEST_DATABASE_URL) this.skip();
    const options = { env: { REDIS_URL }, config: { rateLimits: { perClient: { limit: 40, windowSeconds: 60 } } } };
    first = await startTestServer(options);
    second = await startTestServer({ ...options, schema: first.config.databaseSchema });
  });
  after(async () => {
    await second?.close();
    await first?.close();
  });

  it('keeps one per-client count for both instances', async () => {
    const remaining: number[] = [];
    for (const server of [first, second, first, second]) remaining.push(limitItem(await privateGet(server), 'RateLimit', 'default')!.r!);
    expect(remaining).to.deep.equal([39, 38, 37, 36]);
  });

  it('counts failed logins on an account across instances: 5 on one and 5 on the other lock it on both', async () => {
    const name = `shared_${Date.now()}`;
    for (let i = 0; i < 5; i += 1) expect((await login(first, name, `wrong ${i}`)).status).to.equal(401);
    for (let i = 0; i < 5; i += 1) expect((await login(second, name, `wrong ${i}`)).status).to.equal(401);
    for (const server of [first, second]) {
      const res = await login(server, name, 'maybe this one');
      expect(res.status).to.equal(429);
      expect(Number(res.headers.get('retry-after'))).to.be.within(1, 900);
    }
  });
});
