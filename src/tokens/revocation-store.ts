import type { Redis } from 'ioredis';
import { AppError } from '../problem-types.ts';

/** Revoked access tokens (by jti), remembered until they would have expired anyway. */
export interface RevocationStore {
  revoke(jti: string, expiresAtSeconds: number): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
}

/** In-process store (the default without REDIS_URL): one instance only. */
export class MemoryRevocationStore implements RevocationStore {
  private readonly revoked = new Map<string, number>();

  async revoke(jti: string, expiresAtSeconds: number): Promise<void> {
    this.sweep();
    this.revoked.set(jti, expiresAtSeconds);
  }

  async isRevoked(jti: string): Promise<boolean> {
    const expires = this.revoked.get(jti);
    return expires !== undefined && expires * 1000 > Date.now();
  }

  private sweep(): void {
    const now = Date.now() / 1000;
    for (const [jti, expires] of this.revoked) if (expires <= now) this.revoked.delete(jti);
  }
}

const unavailable = () => new AppError('service-unavailable', 'The token revocation store is not reachable right now. Retry later.');

/**
 * Shared by every instance (REDIS_URL): one key per revoked jti, expiring with the token.
 * When Redis cannot answer, a token is not taken as valid (503): a revoked token must never pass.
 */
export class RedisRevocationStore implements RevocationStore {
  constructor(private readonly redis: Redis, private readonly keyPrefix: string) {}

  async revoke(jti: string, expiresAtSeconds: number): Promise<void> {
    if (expiresAtSeconds * 1000 <= Date.now()) return;
    try {
      await this.redis.set(this.key(jti), '1', 'EXAT', expiresAtSeconds);
    } catch {
      throw unavailable();
    }
  }

  async isRevoked(jti: string): Promise<boolean> {
    try {
      return (await this.redis.exists(this.key(jti))) === 1;
    } catch {
      throw unavailable();
    }
  }

  private key(jti: string): string {
    return `${this.keyPrefix}revoked:${jti}`;
  }
}
