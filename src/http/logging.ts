import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pino, type Logger } from 'pino';

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
  }
}

/** Secrets never reach the log: credentials, tokens and passwords are censored wherever they appear. */
export const REDACTED_PATHS = [
  'req.headers.authorization', 'headers.authorization', 'authorization',
  'password', '*.password', 'access_token', '*.access_token', 'refresh_token', '*.refresh_token',
  'token', '*.token', 'body.password', 'body.refresh_token',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
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
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.id = randomUUID();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ reqId: req.id, method: req.method, path: masked(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
