import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from './user.entity.ts';

/**
 * A single-use email activation token (≥ 128 random bits), stored as its SHA-256 hash. A row without
 * a user is a decoy, dead on arrival (src/users/mailed-links.ts): never found by its hash.
 */
export const ActivationTokenEntity = defineEntity({
  name: 'ActivationToken',
  tableName: 'activation_tokens',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    user: p.manyToOne(UserEntity).fieldName('user_id').deleteRule('cascade').nullable(),
    tokenHash: p.string().length(64).unique(),
    createdAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    expiresAt: p.datetime().columnType('timestamptz'),
    usedAt: p.datetime().columnType('timestamptz').nullable(),
  }),
});

export type ActivationToken = InferEntity<typeof ActivationTokenEntity>;
