import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { loggableDatabaseError } from './db/database-errors.ts';

/** Secrets never reach the log: credentials, tokens and passwords are censored wherever they appear. */
export const REDACTED_PATHS = [
  'req.headers.authorization', 'headers.authorization', 'authorization',
  'password', '*.password', 'access_token', '*.access_token', 'refresh_token', '*.refresh_token',
  'token', '*.token', 'body.password', 'body.refresh_token',
];

/**
 * Errors are logged with pino's serializer, except database errors: their messages carry the failing
 * statement with its values (emails, activation links, token hashes), so only codes and the
 * statement's name are kept (src/db/database-errors.ts).
 */
export function serializeError(error: unknown): unknown {
  return loggableDatabaseError(error) ?? stdSerializers.err(error as Error);
}

/** The process's logger; `destination` is for tests that read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { err: serializeError } };
  return destination ? pino(options, destination) : pino(options);
}
