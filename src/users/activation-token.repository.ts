import type { EntityManager } from '@mikro-orm/postgresql';
import { ActivationTokenEntity, type ActivationToken } from './activation-token.entity.ts';
import type { User } from './user.entity.ts';

export class ActivationTokenRepository {
  constructor(private readonly em: () => EntityManager) {}

  create(user: User, tokenHash: string, expiresAt: Date): ActivationToken {
    return this.em().create(ActivationTokenEntity, { user, tokenHash, expiresAt, usedAt: null } as never);
  }

  /** The token and its account (decoys, which have none, are never found). */
  async findByHash(tokenHash: string): Promise<(ActivationToken & { user: User }) | null> {
    const token = await this.em().findOne(ActivationTokenEntity, { tokenHash, user: { $ne: null } }, { populate: ['user'] });
    return token as (ActivationToken & { user: User }) | null;
  }

  /** Marks the token used, unless it already is or has expired; false when it could not be consumed. */
  async consume(tokenHash: string): Promise<boolean> {
    const now = new Date();
    const count = await this.em().nativeUpdate(ActivationTokenEntity, { tokenHash, usedAt: null, expiresAt: { $gt: now } }, { usedAt: now });
    return count === 1;
  }
}
