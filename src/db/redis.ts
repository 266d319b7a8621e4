import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The shared store of rate limits and revoked tokens (REDIS_URL). Commands fail fast while it is
 * unreachable (callers decide what that means) and the client keeps reconnecting.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: 2_000 });
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) logger.warn({ err: error }, 'Redis is unreachable; retrying');
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.info('Redis is reachable again');
    reported = false;
  });
  return redis;
}

/**
 * Resolves once the first connection attempt has settled (ready, failed, or 2.5 s passed), so that the
 * first requests after start count in Redis rather than in the per-instance fallback.
 */
export function firstConnection(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done).off('error', done);
      resolve();
    };
    const timer = setTimeout(done, 2_500);
    redis.once('ready', done).once('error', done);
  });
}

export async function closeRedis(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
