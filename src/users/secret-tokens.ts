import { createHash, randomBytes } from 'node:crypto';

/** A random opaque token (256 bits, base64url) and the SHA-256 hash under which it is stored. */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
