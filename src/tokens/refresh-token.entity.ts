import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from '../users/user.entity.ts';

/**
 * An opaque refresh token, stored as its SHA-256 hash. Rotation marks it used and issues the
 * next one in the same family; presenting a used one revokes the whole family.
 */
export const RefreshTokenEntity = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    user: p.manyToOne(UserEntity).fieldName('user_id').deleteRule('cascade'),
    familyId: p.uuid(),
    tokenHash: p.string().length(64).unique(),
    createdAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    expiresAt: p.datetime().columnType('timestamptz'),
    usedAt: p.datetime().columnType('timestamptz').nullable(),
    revokedAt: p.datetime().columnType('timestamptz').nullable(),
  }),
});

export type RefreshToken = InferEntity<typeof RefreshTokenEntity>;
