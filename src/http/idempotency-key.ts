import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { AppError } from '../core/app-error.ts';
import type { Caller } from '../core/caller.ts';
import type { IdempotencyClaim } from '../core/idempotency.ts';

const FIELD = 'Idempotency-Key';
const MAX_LENGTH = 255;

function invalid(detail: string): AppError {
  return new AppError('idempotency-key-invalid', `${detail} An ${FIELD} is 1–${MAX_LENGTH} printable ASCII characters, `
    + 'sent as a structured-field string ("…") or as they are; send a fresh one (a UUID) per new request, the same one on its retries.');
}

/** The key itself: an RFC 9651 sf-string (`"8e03978e-…"`, as the draft sends it) or the bare characters. */
function keyOf(value: string): string {
  let key = value;
  if (value.startsWith('"')) {
    const match = /^"((?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\["\\])*)"$/.exec(value);
    if (!match) throw invalid(`${FIELD} starts as a quoted string but is not a valid one.`);
    key = match[1]!.replace(/\\(["\\])/g, '$1');
  }
  if (key.length === 0 || key.length > MAX_LENGTH) throw invalid(`${FIELD} has ${key.length} characters.`);
  if (!/^[\x20-\x7E]+$/.test(key)) throw invalid(`${FIELD} holds characters that are not printable ASCII.`);
  return key;
}

/** JSON with object members in a fixed order: the same body, however its members were ordered or spaced, hashes alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, inner]) => `${JSON.stringify(name)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The request's Idempotency-Key claim, or undefined when it sends none (API.md §10). For any POST
 * that creates: the service stores it with what it creates, in the same transaction.
 */
export function idempotencyClaim(req: Request, caller: Caller): IdempotencyClaim | undefined {
  const sent = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === 'idempotency-key').length;
  if (sent === 0) return undefined;
  if (sent > 1) throw invalid(`The request has ${sent} ${FIELD} fields; send one.`);
  const key = keyOf(String(req.headers['idempotency-key'] ?? '').trim());
  const fingerprint = createHash('sha256').update(canonical([req.method, req.path, req.body ?? null])).digest('base64url');
  return { accountId: caller.id, key, fingerprint };
}
