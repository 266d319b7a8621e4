import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
  }
}

/**
 * Logs each request once it ends: method, path (never the query: it may carry secrets), status, time.
 * Paths under a `secretPathPrefixes` entry (such as /activation/{token}) are logged without the secret.
 */
export function requestLogger(logger: Logger, secretPathPrefixes: string[] = []): RequestHandler {
  const masked = (path: string) => {
    const prefix = secretPathPrefixes.find((p) => path.startsWith(p) && path.length > p.length);
    return prefix ? `${prefix}[redacted]` : path;
  };
  // Request ids: this process's random prefix and a counter (unique across instances, no UUID per request).
  const prefix = randomBytes(4).toString('hex');
  let counter = 0;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.id = `${prefix}-${(counter += 1).toString(36)}`;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ reqId: req.id, method: req.method, path: masked(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
