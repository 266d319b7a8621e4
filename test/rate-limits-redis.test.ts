import { expect } from 'chai';
import { Redis } from 'ioredis';
import { limitItem } from './support/rate-limits.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { login } from './support/tokens.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const HAL = 'application/hal+json';

describe('rate limits shared by two instances through Redis (REDIS_URL)', () => {
  let first: TestServer;
  let second: TestServer;
  before(async () => {
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
    for (const server of [first, second, first, second]) {
      const res = await server.fetch('/', { headers: { Accept: HAL, Authorization: 'Bearer not-a-token' } });
      remaining.push(limitItem(res, 'RateLimit', 'default')!.r!);
    }
    for (let i = 1; i < remaining.length; i += 1) expect(remaining[i], `request ${i}`).to.equal(remaining[i - 1]! - 1);
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

  it('stores the counts in Redis under the deployment\'s key prefix', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${first.config.redisKeyPrefix}rl:*`);
      expect(keys.some((key) => key.includes(':rl:default:'))).to.equal(true);
      expect(keys.some((key) => key.includes(':rl:login-account:'))).to.equal(true);
      expect(keys.every((key) => !key.includes('shared_')), 'login names are hashed').to.equal(true);
    } finally {
      await redis.quit();
    }
  });
});
