import type { RecipeCreate, RecipeEdit } from '../../schemas/recipe.schema.ts';
import type { NewRecipe } from './recipe.repository.ts';

/** The body's snake_case names onto the entity's properties, for the ones that were sent. */
export function changesOf(body: RecipeEdit): Partial<NewRecipe> {
  const changes: Partial<NewRecipe> = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.description !== undefined) changes.description = body.description;
  if (body.num_of_servings !== undefined) changes.numOfServings = body.num_of_servings;
  if (body.cook_time !== undefined) changes.cookTime = body.cook_time;
  if (body.ingredients !== undefined) changes.ingredients = body.ingredients;
  if (body.directions !== undefined) changes.directions = body.directions;
  return changes;
}

/** A new recipe from a create body: what was not sent is empty. */
export function newRecipeOf(body: RecipeCreate): NewRecipe {
  return {
    name: body.name,
    description: body.description ?? '',
    numOfServings: body.num_of_servings ?? null,
    cookTime: body.cook_time ?? null,
    ingredients: body.ingredients ?? '',
    directions: body.directions ?? '',
  };
}
