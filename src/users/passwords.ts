import argon2 from 'argon2';
import { AppError } from '../core/app-error.ts';
import { dictionary } from '@zxcvbn-ts/language-common';

/** argon2id at the OWASP minimum (m = 19456 KiB, t = 2, p = 1). Hashing runs on libuv's pool, off the main thread. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Passwords are compared as Unicode NFKC (NIST SP 800-63B-4 §3.1.1.2), so the same passphrase
 * typed on another keyboard or OS still matches. Never truncated: argon2 takes the whole string.
 */
function normalized(password: string): string {
  return password.normalize('NFKC');
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalized(password), ARGON2_OPTIONS);
}

/** False for a wrong password and for a hash that cannot be read: never throws. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, normalized(password));
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with weaker parameters and should be upgraded at the next login. */
export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a hash of a random password, so that a login for an unknown account costs
 * the same time as one with a wrong password.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  await verifyPassword(await dummyHash, password);
  return false;
}

const commonPasswords = new Set(
  (dictionary['passwords-common'] as string[]).filter((p) => p.length >= 15).map((p) => p.toLowerCase()),
);

/** Exact, case-insensitive match against the common-password dictionary of @zxcvbn-ts/language-common. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(normalized(password).toLowerCase());
}

/** A new password (register, reset, change: API.md §3) that is a common one is a 422 naming its member. */
export function refuseCommonPassword(password: string, pointer: string): void {
  if (isCommonPassword(password)) {
    throw new AppError('validation-failed', 'This password is too common.', {
      errors: [{ pointer, detail: 'is a commonly used password; choose another' }],
    });
  }
}
