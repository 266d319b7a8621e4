import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentTrace } from './core/trace-context.ts';
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

/**
 * API.md §13: every line logged while a request (or anything it started) runs names its trace. A new
 * object each time: pino merges the line's own fields into what the mixin returns.
 */
function traceOfTheMoment(): object {
  const trace = currentTrace();
  return trace ? { trace_id: trace.traceId } : {};
}

function options(level: string): LoggerOptions {
  return { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { err: serializeError }, mixin: traceOfTheMoment };
}

/** The process's logger, JSON lines; `destination` is for tests that read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino(options(level), destination) : pino(options(level));
}

/** Whether a person reads the output: a terminal, and not production (which always logs JSON lines). */
export function isPersonAtTerminal(env: string): boolean {
  return Boolean(process.stdout.isTTY) && env !== 'production';
}

/**
 * The logger of `npm start`: JSON lines, or for a person at a terminal one readable line per event
 * (pino-pretty, loaded only then): `12:00:01.234 INFO: GET recipes 200 3.2 ms  (trace 4bf9…)`.
 */
export async function createProcessLogger(level: string, env: string): Promise<Logger> {
  if (!isPersonAtTerminal(env)) return createLogger(level);
  const { default: pretty } = await import('pino-pretty');
  return createLogger(level, pretty({
    sync: true, colorize: true, singleLine: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname',
    messageFormat: (log, messageKey) => {
      if (log[messageKey] !== 'request') return String(log[messageKey]);
      const { method, action, status, ms, trace_id: trace } = log;
      for (const key of ['method', 'action', 'status', 'ms', 'trace_id']) delete log[key];
      return `${String(method)} ${String(action)} ${String(status)} ${String(ms)} ms  (trace ${String(trace)})`;
    },
  }));
}

/**
 * Text for a person at the terminal (the development outbox's links): framed and bold when it is a
 * terminal, so that the first start's activation link stands out among the log lines.
 */
export function writeForPerson(text: string): void {
  if (!process.stdout.isTTY) {
    process.stdout.write(text);
    return;
  }
  const rule = '─'.repeat(Math.min(process.stdout.columns || 80, 100));
  process.stdout.write(`\n\x1b[1;36m${rule}\x1b[0m\n\x1b[1m${text.trim()}\x1b[0m\n\x1b[1;36m${rule}\x1b[0m\n\n`);
}
