import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { clientKey } from './http/client-address.ts';

/** The partitions of the rate limits of API.md §10: per client, per address (hashed), per account. */

export const byClient = (req: Request) => clientKey(req.ip);

export const hashed = (value: string) => createHash('sha256').update(value.toLowerCase()).digest('base64url');

function bodyField(req: Request, field: string): string | undefined {
  const value: unknown = (req.body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value : undefined;
}

/** A body field, lower-cased and hashed (no email address lands in the limit store). */
export function byBodyField(field: string): (req: Request) => string | undefined {
  return (req) => {
    const value = bodyField(req, field);
    return value === undefined ? undefined : hashed(value);
  };
}

/**
 * Which account a login names, whichever of its names (username or email, any letter case) it uses;
 * resolves to undefined for a name that is no account's (then the name itself is counted).
 */
export type AccountOfLogin = (login: string) => Promise<number | undefined>;

/** The per-account partition of a login: the account itself, or for unknown names the name (hashed). */
function byAccount(accountOf: AccountOfLogin): (req: Request) => Promise<string | undefined> {
  return async (req) => {
    const login = bodyField(req, 'username');
    if (login === undefined || login.includes('\0')) return undefined;
    const account = await accountOf(login);
    return account === undefined ? `name:${hashed(login)}` : `account:${account}`;
  };
}

/** Requests of the account's own changes (their 403 is a wrong password): noted when their key is taken, as Express resets `params` later. */
const accountChanges = new WeakSet<Request>();

/** Whether the request is a change of the caller's own account that checks its password. */
export const isAccountChange = (req: Request) => accountChanges.has(req);

/**
 * The account a password check is about: on login, the account the body names; on the account's own
 * changes (`/users/{username}/…`), the caller when they are that user (anybody else is refused before
 * any password is checked).
 */
export function accountChecked(accountOf: AccountOfLogin): (req: Request) => Promise<string | undefined> {
  const byLogin = byAccount(accountOf);
  return async (req) => {
    const named = (req.params as Record<string, string | undefined>).username;
    if (named === undefined) return byLogin(req);
    const caller = req.caller;
    if (!caller || caller.username.toLowerCase() !== named.toLowerCase()) return undefined;
    accountChanges.add(req);
    return `account:${caller.id}`;
  };
}
