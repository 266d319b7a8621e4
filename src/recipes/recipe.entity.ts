import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from '../users/user.entity.ts';

/** A recipe (API.md §5). Limits are enforced by the JSON Schemas and by CHECK constraints. */
export const RecipeEntity = defineEntity({
  name: 'Recipe',
  tableName: 'recipes',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    user: p.manyToOne(UserEntity).fieldName('user_id').deleteRule('cascade'),
    name: p.string().length(100),
    description: p.string().length(200).default(''),
    numOfServings: p.integer().nullable(),
    cookTime: p.integer().nullable(),
    ingredients: p.string().length(1000).default(''),
    directions: p.string().length(1000).default(''),
    isPublish: p.boolean().default(false),
    /** File name of the cover image (content-addressed), or null. */
    cover: p.string().length(100).nullable(),
    createdAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    updatedAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  }),
});

export type Recipe = InferEntity<typeof RecipeEntity>;
