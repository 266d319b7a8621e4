import type { EntityManager } from '@mikro-orm/postgresql';
import { RefreshTokenEntity, type RefreshToken } from './refresh-token.entity.ts';

/** Refresh tokens, by the SHA-256 hash they are stored under. */
export class RefreshTokenRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** Stores a new token in one plain INSERT (joining the caller's transaction, if any). */
  async insert(userId: number, familyId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    const em = this.em();
    await em.getConnection().execute(
      'insert into refresh_tokens (user_id, family_id, token_hash, created_at, expires_at) values (?, ?, ?, now(), ?)',
      [userId, familyId, tokenHash, expiresAt], 'run', em.getTransactionContext(),
    );
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.em().findOne(RefreshTokenEntity, { tokenHash }, { populate: ['user'] });
  }

  /**
   * Marks a live token used (rotation) in one conditional UPDATE, so that of concurrent
   * rotations of the same token exactly one wins; false when it was already used, revoked or expired.
   */
  async markUsed(tokenHash: string): Promise<boolean> {
    const now = new Date();
    const count = await this.em().nativeUpdate(
      RefreshTokenEntity, { tokenHash, usedAt: null, revokedAt: null, expiresAt: { $gt: now } }, { usedAt: now },
    );
    return count === 1;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.em().nativeUpdate(RefreshTokenEntity, { familyId, revokedAt: null }, { revokedAt: new Date() });
  }
}
