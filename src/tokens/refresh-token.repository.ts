import type { EntityManager } from '@mikro-orm/postgresql';
import { UserSchema } from '../users/user.entity.ts';
import { RefreshTokenSchema, type RefreshToken } from './refresh-token.entity.ts';

/** Refresh tokens, by the SHA-256 hash they are stored under. */
export class RefreshTokenRepository {
  constructor(private readonly em: () => EntityManager) {}

  create(userId: number, familyId: string, tokenHash: string, expiresAt: Date): RefreshToken {
    const user = this.em().getReference(UserSchema, userId);
    return this.em().create(RefreshTokenSchema, { user, familyId, tokenHash, expiresAt, usedAt: null, revokedAt: null } as never);
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.em().findOne(RefreshTokenSchema, { tokenHash }, { populate: ['user'] });
  }

  /**
   * Marks a live token used (rotation) in one conditional UPDATE, so that of concurrent
   * rotations of the same token exactly one wins; false when it was already used, revoked or expired.
   */
  async markUsed(tokenHash: string): Promise<boolean> {
    const now = new Date();
    const count = await this.em().nativeUpdate(
      RefreshTokenSchema, { tokenHash, usedAt: null, revokedAt: null, expiresAt: { $gt: now } }, { usedAt: now },
    );
    return count === 1;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.em().nativeUpdate(RefreshTokenSchema, { familyId, revokedAt: null }, { revokedAt: new Date() });
  }
}
