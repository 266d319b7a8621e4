import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../core/app-error.ts';
import { addQuotaPolicy, addServiceLimit } from './rate-limit-headers.ts';

export interface Quota {
  limit: number;
  windowSeconds: number;
}

/** One quota policy: what it counts, per which partition (API.md §10). */
export interface RateLimitPolicy extends Quota {
  /** Sent as the policy's name in RateLimit-Policy and RateLimit. */
  name: string;
  /** The partition this request counts against; undefined when the policy does not apply to it. */
  key(req: Request): string | undefined | Promise<string | undefined>;
  /** Per-client policies are lifted for exempt clients (RATE_LIMIT_EXEMPT). */
  perClient: boolean;
  /**
   * Count only responses with these statuses (such as failed logins); default: every request.
   * The point is taken before the request runs, so that concurrent requests cannot overshoot,
   * and given back when the response does not count.
   */
  counts?(status: number, req: Request): boolean;
  /** Send the RateLimit item only once the quota is exhausted (the count is another person's business). */
  remainingOnlyWhenExhausted?: boolean;
  /**
   * When the shared store (Redis) cannot count, refuse (503) instead of counting in this instance's
   * memory: for limits that guard secrets, such as logins, a fresh per-instance budget is a hole.
   */
  failClosed?: boolean;
}

/** Makes the counter of one policy: in memory, or in Redis (shared by every instance). */
export type LimiterFactory = (name: string, quota: Quota, failClosed: boolean) => RateLimiterAbstract;

export function limiterFactory(redis: Redis | undefined, keyPrefix: string): LimiterFactory {
  return (name, { limit, windowSeconds }, failClosed) => {
    const options = { points: limit, duration: windowSeconds, keyPrefix: `${keyPrefix}rl:${name}` };
    if (!redis) return new RateLimiterMemory(options);
    const shared = { ...options, storeClient: redis, rejectIfRedisNotReady: true };
    // While Redis is unreachable each instance counts on its own rather than failing requests, unless
    // the policy fails closed (then take() answers 503).
    return new RateLimiterRedis(failClosed ? shared : { ...shared, insuranceLimiter: new RateLimiterMemory(options) });
  };
}

const STORE_DOWN = 'The rate limit store is not reachable right now, so this request cannot be counted. Retry later.';
const storeDown = () => new AppError('service-unavailable', STORE_DOWN, {
  headers: { 'Retry-After': '5' },
});

async function take(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key);
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return outcome; // over the limit
    throw storeDown();
  }
}

export interface RateLimitOptions {
  limiter: LimiterFactory;
  /** Whether the request comes from a client exempt from per-client limits. */
  exempt(req: Request): boolean;
  onError(error: unknown): void;
}

/**
 * Enforces one policy: RateLimit-Policy and RateLimit headers on every response it applies to,
 * and over the quota a 429 problem with Retry-After (seconds until the window ends).
 */
export function rateLimit(policy: RateLimitPolicy, options: RateLimitOptions): RequestHandler {
  const limiter = options.limiter(policy.name, policy, policy.failClosed ?? false);
  return async (req, res, next) => {
    const key = await policy.key(req);
    if (key === undefined || (policy.perClient && options.exempt(req))) return next();
    addQuotaPolicy(res, policy.name, policy.limit, policy.windowSeconds);
    const result = await take(limiter, key);
    const reset = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
    const exceeded = result.consumedPoints > policy.limit;
    if (exceeded || !policy.remainingOnlyWhenExhausted) addServiceLimit(res, policy.name, exceeded ? 0 : result.remainingPoints, reset);
    if (exceeded) {
      throw new AppError('too-many-requests', `Rate limit "${policy.name}" reached (${policy.limit} per ${policy.windowSeconds} s). Retry after ${reset} s.`, {
        headers: { 'Retry-After': String(reset) },
      });
    }
    const counts = policy.counts;
    if (counts) res.once('finish', () => {
      if (!counts(res.statusCode, req)) limiter.reward(key).catch(options.onError);
    });
    next();
  };
}
