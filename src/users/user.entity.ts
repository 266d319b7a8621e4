import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** An account (API.md §3, §4). Case-insensitive uniqueness lives in the database (lower() indexes). */
export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    username: p.string().length(30),
    email: p.string().length(254),
    passwordHash: p.string().length(255).hidden(),
    isActive: p.boolean().default(false),
    /** File name of the avatar image (content-addressed), or null. */
    avatar: p.string().length(100).nullable(),
    /** Maintained by a database trigger on recipes: cheap, exact totals. */
    publishedRecipes: p.integer().default(0),
    draftRecipes: p.integer().default(0),
    createdAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    updatedAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  }),
});

export type User = InferEntity<typeof UserEntity>;
