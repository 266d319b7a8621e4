import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { recipeProperties as limits } from '../../schemas/recipe.schema.ts';
import { UserEntity } from '../users/user.entity.ts';
import type { LooseRecipeValues } from './recipe-fields.ts';

/** A recipe (API.md §5): the fields of recipe-fields.ts, with the schema's limits (also CHECK constraints in the database). */
export const RecipeEntity = defineEntity({
  name: 'Recipe',
  tableName: 'recipes',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    user: p.manyToOne(UserEntity).fieldName('user_id').deleteRule('cascade'),
    name: p.string().length(limits.name.maxLength),
    description: p.string().length(limits.description.maxLength).default(''),
    numOfServings: p.integer().nullable(),
    cookTime: p.integer().nullable(),
    ingredients: p.string().length(limits.ingredients.maxLength).default(''),
    directions: p.string().length(limits.directions.maxLength).default(''),
    isPublish: p.boolean().default(false),
    /** File name of the cover image (content-addressed), or null. */
    cover: p.string().length(100).nullable(),
    createdAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    updatedAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  }),
});

export type Recipe = InferEntity<typeof RecipeEntity>;

/** The entity holds every field of recipe-fields.ts with its type: the compiler fails here when one is missed. */
type HoldsEveryField<T extends LooseRecipeValues> = T;
export type CheckedRecipe = HoldsEveryField<Recipe>;
