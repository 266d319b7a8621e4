import type { RequestHandler } from 'express';
import type { Caller } from '../core/caller.ts';
import { AppError } from '../core/app-error.ts';
import { REALM } from '../core/policy.ts';

/** Verifies an access token; resolves to the caller, or null when the token is not acceptable. */
export type VerifyAccessToken = (token: string) => Promise<Caller | null>;

const CHALLENGE_INVALID = `${REALM}, error="invalid_token"`;

function invalidToken(detail: string): AppError {
  return new AppError('invalid-token', detail, { headers: { 'WWW-Authenticate': CHALLENGE_INVALID } });
}

/**
 * Reads `Authorization: Bearer <token>` (never the query string). No header: anonymous.
 * A header that is malformed, another scheme, or a token that does not verify: 401 invalid_token.
 * The scheme is matched case-insensitively and may be followed by several spaces (RFC 9110
 * §11.1, RFC 6750 §2.1: `"Bearer" 1*SP b64token`).
 */
export function authenticate(verify: VerifyAccessToken): RequestHandler {
  return async (req, _res, next) => {
    req.caller = null;
    const header = req.get('Authorization');
    if (header === undefined) return next();
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
    if (!match) throw invalidToken('The Authorization header must be "Bearer <access token>".');
    const caller = await verify(match[1]!);
    if (!caller) throw invalidToken('The access token is invalid, expired or revoked.');
    req.caller = caller;
    next();
  };
}
