import type { EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';
import { RefreshTokenEntity, type RefreshToken } from './refresh-token.entity.ts';

/** Refresh tokens, by the SHA-256 hash they are stored under. */
export class RefreshTokenRepository {
  constructor(private readonly em: () => EntityManager) {}

  /**
   * Stores a new token in one plain statement (joining the caller's transaction, if any), with its
   * session: a login begins one (its user agent as sent, already cut), a rotation marks it used now.
   */
  async insert(userId: number, familyId: string, tokenHash: string, expiresAt: Date, login?: { userAgent: string }): Promise<void> {
    const session = login
      ? { sql: 'insert into sessions (family_id, user_id, user_agent, expires_at) values (?, ?, ?, ?)', values: [familyId, userId, login.userAgent, expiresAt] }
      : { sql: 'update sessions set last_used_at = now(), expires_at = ? where family_id = ?', values: [expiresAt, familyId] };
    await plainRows(
      this.em(),
      `with session as (${session.sql}) insert into refresh_tokens (user_id, family_id, token_hash, created_at, expires_at) values (?, ?, ?, now(), ?)`,
      [...session.values, userId, familyId, tokenHash, expiresAt],
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

  /** Revokes every token of the family and ends its session. */
  async revokeFamily(familyId: string): Promise<void> {
    await plainRows(
      this.em(),
      `with session as (update sessions set ended_at = now() where family_id = ? and ended_at is null)
       update refresh_tokens set revoked_at = now() where family_id = ? and revoked_at is null`,
      [familyId, familyId],
    );
  }
}
