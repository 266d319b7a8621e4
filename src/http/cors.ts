import type { RequestHandler } from 'express';

const ALLOW_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Content-Type, If-Match, If-None-Match, Prefer, Idempotency-Key';
const EXPOSE_HEADERS = 'Location, Content-Location, Link, ETag, Allow, RateLimit, RateLimit-Policy, Retry-After, WWW-Authenticate';
/** How long a browser may reuse a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';

/**
 * CORS for the configured origins only (API.md §9), on every response including errors.
 * Responses carry `Vary: Origin` whenever CORS is configured, so shared caches keep them apart.
 * A preflight from an allowed origin is answered here (204, on any path: the browser must be
 * able to reach a 404 problem too); other OPTIONS requests reach the route (204 with Allow).
 */
export function cors(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    if (allowed.size === 0) return next();
    res.vary('Origin');
    const origin = req.get('Origin');
    if (!origin || !allowed.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS' && req.get('Access-Control-Request-Method')) {
      res.setHeader('Access-Control-Allow-Methods', ALLOW_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
      res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
      return;
    }
    res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    next();
  };
}
