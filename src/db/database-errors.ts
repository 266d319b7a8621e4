import { DriverException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError } from '../core/app-error.ts';

/**
 * The one place that reads database failures (API.md §10): which mean "the database cannot answer
 * now" (503 with Retry-After, never a 500), which a read may retry once on a fresh connection, how
 * ORM exceptions become problems, and what of them may be logged (never SQL with its values).
 */

type DbError = Error & { code?: string; sqlState?: string; routine?: string; table?: string; constraint?: string; severity?: string };

/** Connection-level codes: Node's socket errors and PostgreSQL's class 08 / 57P0x / 53300. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '53300', '57014', '08000', '08001', '08003', '08004', '08006',
]);
/**
 * The same, by message: node-postgres's and knex's words for a connection that is gone or silent —
 * mid-transaction too, where knex reports that the transaction is over ("Transaction query already
 * complete") when its connection died under it.
 */
const UNAVAILABLE_MESSAGE = new RegExp([
  'Connection terminated', 'connection ended', 'Timeout acquiring a connection', 'terminating connection',
  'database system is (starting up|shutting down)', 'Client has encountered a connection error', 'not queryable',
  'Unable to acquire a connection', 'read ECONNRESET', 'write EPIPE', 'connect ECONNREFUSED', 'Query read timeout',
  'Transaction query already complete', 'timeout expired', 'server closed the connection unexpectedly',
].join('|'), 'i');
/** A connection that was cut under a query: the same read on a fresh connection may well succeed. */
const CUT_MESSAGE = /Connection terminated|connection ended|terminating connection|ECONNRESET|EPIPE|Client has encountered a connection error/i;

function asDbError(error: unknown): DbError | undefined {
  return error instanceof Error ? (error as DbError) : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = asDbError(error);
  if (!e) return false;
  if (e.name === 'KnexTimeoutError') return true;
  return UNAVAILABLE_CODES.has(e.code ?? '') || UNAVAILABLE_CODES.has(e.sqlState ?? '') || UNAVAILABLE_MESSAGE.test(e.message);
}

export function isRetryableRead(error: unknown): boolean {
  const e = asDbError(error);
  if (!e || !isDatabaseUnavailable(e)) return false;
  return ['ECONNRESET', 'EPIPE', '57P01', '57P02'].includes(e.code ?? '') || CUT_MESSAGE.test(e.message);
}

/** A write that lost a race on a unique index (the winner has committed by then: decide again). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof UniqueConstraintViolationException;
}

/** An UPDATE whose version no longer matched: somebody else changed the row meanwhile. */
export function isConcurrentUpdate(error: unknown): boolean {
  return error instanceof OptimisticLockError;
}

/** ORM and driver failures as problems; undefined for anything else (a real bug: 500). */
export function databaseProblem(error: unknown): AppError | undefined {
  if (isDatabaseUnavailable(error)) {
    return new AppError('service-unavailable', 'The database is not reachable right now. Retry later.', { headers: { 'Retry-After': '5' } });
  }
  if (error instanceof OptimisticLockError) {
    return new AppError('conflict', 'The resource was changed at the same time; read it again and retry.');
  }
  return undefined;
}

/** The first words of a statement: its command and table, never its values. */
function statementName(message: string): string | undefined {
  const match = /^\s*(select|insert into|update|delete from|with|create|alter|drop|set|begin|commit|rollback)\b\s*("[^"]+"|\w+)?/i.exec(message);
  if (!match) return undefined;
  return [match[1]!.toLowerCase(), match[1]!.toLowerCase() === 'select' ? undefined : match[2]].filter(Boolean).join(' ');
}

/** What may be logged of a database error: its class, codes and the statement's name; undefined if it is not one. */
export function loggableDatabaseError(error: unknown): Record<string, unknown> | undefined {
  const e = asDbError(error);
  if (!e) return undefined;
  const fromDriver = error instanceof DriverException || e.severity !== undefined || e.name === 'KnexTimeoutError';
  if (!fromDriver && !isDatabaseUnavailable(e)) return undefined;
  return {
    type: e.name, code: e.sqlState ?? e.code, routine: e.routine, table: e.table, constraint: e.constraint,
    statement: statementName(e.message),
    stack: e.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n'),
  };
}

/** A driver message with every statement it quotes (and its values) cut down to the statement's name. */
export function withoutStatements(message: string): string {
  return message.replace(/\b(select|insert into|update|delete from|with)\b[\s\S]*? - /gi, (_all, command: string) => `${command.toLowerCase()} … - `);
}
