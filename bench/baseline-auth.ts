/**
 * The baseline's Bearer check, the way the API does it: src/http/auth.ts (header syntax),
 * src/tokens/access-tokens.ts (jose jwtVerify, HS256, typ at+jwt, iss, aud, required claims, the key
 * imported once) and src/tokens/revocation-store.ts (a denylist of jtis and token families: in memory, or in
 * Redis with REDIS_URL). It shares JWT_SECRET with the API, so the API's tokens verify here.
 */
import { Redis } from 'ioredis';
import { jwtVerify } from 'jose';

const secret = process.env.JWT_SECRET ?? '';
const key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const issuer = process.env.PUBLIC_BASE_URL || 'smilecook';
const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 }) : undefined;
const prefix = 'smilecook:';
/** The memory store's map (the baseline never revokes: it only looks up, as the API does). */
const revoked = new Map<string, number>();

async function isRevoked(jti: string, family: string): Promise<boolean> {
  if (redis) return (await redis.exists(`${prefix}revoked:${jti}`, `${prefix}revoked-family:${family}`)) > 0;
  const now = Date.now();
  return [`jti:${jti}`, `family:${family}`].some((id) => (revoked.get(id) ?? 0) * 1000 > now);
}

/** The caller's id; null without Authorization; 'invalid' for anything that does not verify (a 401). */
export async function callerOf(header: string | undefined): Promise<number | null | 'invalid'> {
  if (header === undefined) return null;
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  if (!match) return 'invalid';
  try {
    const { payload } = await jwtVerify(match[1]!, await key, {
      algorithms: ['HS256'], issuer, audience: 'smilecook-api', typ: 'at+jwt', requiredClaims: ['sub', 'jti', 'exp', 'iat', 'sid'],
    });
    const userId = Number(payload.sub);
    const { username, jti, sid } = payload;
    if (!Number.isSafeInteger(userId) || typeof username !== 'string' || typeof jti !== 'string' || typeof sid !== 'string') return 'invalid';
    return (await isRevoked(jti, sid)) ? 'invalid' : userId;
  } catch {
    return 'invalid';
  }
}

export async function closeAuth(): Promise<void> {
  if (redis) await redis.quit();
}
