import type { Redis } from 'ioredis';
import { AppError } from '../core/app-error.ts';

/**
 * Revoked access tokens, remembered until they would have expired anyway: single tokens (by jti,
 * logout) and whole families (by the family id every access token carries: logout, or the reuse
 * of a rotated refresh token). API.md §3: refused at once, on every instance.
 */
export interface RevocationStore {
  revoke(jti: string, expiresAtSeconds: number): Promise<void>;
  /** Every access token of the family issued until now; `untilSeconds`: when the last of them expires. */
  revokeFamily(familyId: string, untilSeconds: number): Promise<void>;
  isRevoked(jti: string, familyId: string): Promise<boolean>;
}

/** In-process store (the default without REDIS_URL): one instance only. */
export class MemoryRevocationStore implements RevocationStore {
  private readonly revoked = new Map<string, number>();

  async revoke(jti: string, expiresAtSeconds: number): Promise<void> {
    this.remember(`jti:${jti}`, expiresAtSeconds);
  }

  async revokeFamily(familyId: string, untilSeconds: number): Promise<void> {
    this.remember(`family:${familyId}`, untilSeconds);
  }

  async isRevoked(jti: string, familyId: string): Promise<boolean> {
    const now = Date.now();
    return [`jti:${jti}`, `family:${familyId}`].some((key) => (this.revoked.get(key) ?? 0) * 1000 > now);
  }

  private remember(key: string, untilSeconds: number): void {
    const now = Date.now() / 1000;
    for (const [known, until] of this.revoked) if (until <= now) this.revoked.delete(known);
    this.revoked.set(key, Math.max(untilSeconds, this.revoked.get(key) ?? 0));
  }
}

const unavailable = () => new AppError('service-unavailable', 'The token revocation store is not reachable right now. Retry later.', {
  headers: { 'Retry-After': '5' },
});

/**
 * Shared by every instance (REDIS_URL): one key per revoked jti or family, expiring with the last
 * token it covers. When Redis cannot answer, a token is not taken as valid (503): a revoked token
 * must never pass.
 */
export class RedisRevocationStore implements RevocationStore {
  constructor(private readonly redis: Redis, private readonly keyPrefix: string) {}

  revoke(jti: string, expiresAtSeconds: number): Promise<void> {
    return this.remember(`revoked:${jti}`, expiresAtSeconds);
  }

  revokeFamily(familyId: string, untilSeconds: number): Promise<void> {
    return this.remember(`revoked-family:${familyId}`, untilSeconds);
  }

  async isRevoked(jti: string, familyId: string): Promise<boolean> {
    try {
      return (await this.redis.exists(this.key(`revoked:${jti}`), this.key(`revoked-family:${familyId}`))) > 0;
    } catch {
      throw unavailable();
    }
  }

  private async remember(name: string, untilSeconds: number): Promise<void> {
    if (untilSeconds * 1000 <= Date.now()) return;
    try {
      // A later revocation of the same family comes with a later expiry: overwriting only extends it.
      await this.redis.set(this.key(name), '1', 'EXAT', untilSeconds);
    } catch {
      throw unavailable();
    }
  }

  private key(name: string): string {
    return `${this.keyPrefix}${name}`;
  }
}
