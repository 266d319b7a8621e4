import type { RecipeCreate, RecipeEdit } from '../../schemas/recipe.schema.ts';

type Body = Required<RecipeEdit>;

/**
 * Every writable field of a recipe, declared once: its key is its name in bodies, in HAL and in SQL
 * (the schema's property and the column); `property` is the entity's, `unset` what a new recipe holds
 * when the field is not sent. The SQL columns, row mapping, entity changes, and the Resource's
 * properties and edit values all come from here; the schema's own properties must match it (the
 * compiler fails where one is missed: here, in recipe.entity.ts and in migrations' tests).
 */
export const recipeFields = {
  name: { property: 'name', unset: '' },
  description: { property: 'description', unset: '' },
  num_of_servings: { property: 'numOfServings', unset: null },
  cook_time: { property: 'cookTime', unset: null },
  ingredients: { property: 'ingredients', unset: '' },
  directions: { property: 'directions', unset: '' },
} as const satisfies { [K in keyof Body]: { property: string; unset: Body[K] } };

type Fields = typeof recipeFields;
export type RecipeFieldName = keyof Fields;

/** A recipe's writable values by entity property: what the entity, a listing's row and a Resource hold. */
export type RecipeValues = { -readonly [K in RecipeFieldName as Fields[K]['property']]: Body[K] };

/** The values as an entity may hold them (a nullable field may be undefined before it is loaded or set). */
export type LooseRecipeValues = { [K in keyof RecipeValues]: RecipeValues[K] | undefined };

/** The same values by their names in bodies and columns. */
export type RecipeFieldValues = { [K in RecipeFieldName]: Body[K] };

const FIELD_NAMES = Object.keys(recipeFields) as RecipeFieldName[];

/** The fields' columns of the recipes table aliased `r`, for a SELECT list. */
export const FIELD_COLUMNS = FIELD_NAMES.map((name) => `r.${name}`).join(', ');

type Writable = Record<string, unknown>;

/** The body's fields onto the entity's properties, for the ones that were sent. */
export function changesOf(body: RecipeEdit): Partial<RecipeValues> {
  const changes: Writable = {};
  for (const name of FIELD_NAMES) if (body[name] !== undefined) changes[recipeFields[name].property] = body[name];
  return changes as Partial<RecipeValues>;
}

/** A new recipe from a create body: what was not sent is unset. */
export function newRecipeOf(body: RecipeCreate): RecipeValues {
  const values: Writable = {};
  for (const name of FIELD_NAMES) values[recipeFields[name].property] = body[name] ?? recipeFields[name].unset;
  return values as RecipeValues;
}

/** A row's field columns as entity properties. */
export function valuesOfRow(row: RecipeFieldValues): RecipeValues {
  const values: Writable = {};
  for (const name of FIELD_NAMES) values[recipeFields[name].property] = row[name];
  return values as RecipeValues;
}

/** A recipe's fields by their names in bodies: its representation's writable properties and the edit form's values. */
export function fieldValuesOf(recipe: LooseRecipeValues): RecipeFieldValues {
  const values: Writable = {};
  for (const name of FIELD_NAMES) values[name] = recipe[recipeFields[name].property] ?? recipeFields[name].unset;
  return values as RecipeFieldValues;
}
