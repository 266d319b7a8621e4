import type { FromSchema } from 'json-schema-to-ts';

/**
 * The writable properties of a recipe (API.md §5); every limit is also a CHECK in the database. The
 * lengths hold real recipes (the book's 100, 200 and 1 000 refused one published recipe in six: the
 * longest directions of 73 228 real ones are 8 696 characters, ingredients 2 411, names 115).
 */
export const recipeProperties = {
  name: { type: 'string', title: 'Name', minLength: 1, maxLength: 200 },
  description: { type: 'string', title: 'Description', maxLength: 2000 },
  num_of_servings: { type: 'integer', nullable: true, title: 'Servings', minimum: 1, maximum: 50 },
  cook_time: { type: 'integer', nullable: true, title: 'Cook time (minutes)', minimum: 1, maximum: 1440 },
  ingredients: { type: 'string', title: 'Ingredients', maxLength: 10000 },
  directions: { type: 'string', title: 'Directions', maxLength: 20000 },
} as const;

/**
 * A recipe body as validated (API.md §5): the name without its leading and trailing white space (so a
 * blank name is refused by minLength, and its length counts after trimming); every other text, line
 * breaks included, as sent. Anything that is not an object is left for validation to refuse.
 */
export function recipeBody(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const body = raw as Record<string, unknown>;
  return typeof body.name === 'string' ? { ...body, name: body.name.trim() } : body;
}

/** POST on the recipes collection (template `create`): a new draft. */
export const recipeCreateSchema = {
  $id: 'recipe-create',
  title: 'New recipe',
  description: 'Creates a draft recipe owned by the caller. Publish it with the recipe\'s publish template. To retry safely, send an '
    + 'Idempotency-Key header (a fresh UUID per new recipe, the same on its retries): for 24 hours a retry creates nothing and gets the '
    + 'first answer again (201, the same Location).',
  type: 'object',
  properties: recipeProperties,
  required: ['name'],
  additionalProperties: false,
} as const;

export type RecipeCreate = FromSchema<typeof recipeCreateSchema>;

/** PATCH on a recipe (template `edit`): only the properties sent change. */
export const recipeEditSchema = {
  $id: 'recipe-edit',
  title: 'Recipe changes',
  description: 'A partial update of a recipe: the properties sent replace the current ones, the others stay.',
  type: 'object',
  properties: recipeProperties,
  additionalProperties: false,
} as const;

export type RecipeEdit = FromSchema<typeof recipeEditSchema>;

/**
 * The query parameters of both collections: the ONE list of them. The links' templates, the `search`
 * form (its prompts, options and bounds: resources/hal-forms.ts), validation and /schemas/… come from it.
 * `optionPrompts` labels each enum value for people (a label for a value the enum does not have is unused).
 */
const collectionQueryProperties = {
  q: {
    type: 'string', title: 'Search (name, description, ingredients, directions)', maxLength: 200, prompt: 'Words to search for',
    description: 'Every word must match, in any order; "two words" as a phrase; -word leaves out recipes with it.',
  },
  sort: {
    type: 'string', title: 'Sort by', enum: ['relevance', 'created_at', 'cook_time', 'num_of_servings'], default: 'relevance',
    optionPrompts: { relevance: 'Best match', created_at: 'Newest first', cook_time: 'Cook time', num_of_servings: 'Servings' },
  },
  order: {
    type: 'string', title: 'Order', enum: ['asc', 'desc'], default: 'desc',
    optionPrompts: { desc: 'Descending (newest, longest, most first)', asc: 'Ascending (oldest, shortest, fewest first)' },
  },
  page: { type: 'integer', title: 'Page', minimum: 1, default: 1 },
  per_page: { type: 'integer', title: 'Recipes per page', minimum: 1, maximum: 100, default: 20 },
  max_cook_time: {
    type: 'integer', title: 'Cooks in at most (minutes)', minimum: 1, maximum: recipeProperties.cook_time.maximum, prompt: 'Ready in at most (minutes)',
  },
  min_servings: {
    type: 'integer', title: 'Serves at least', minimum: 1, maximum: recipeProperties.num_of_servings.maximum, prompt: 'Serves at least (people)',
  },
} as const;

/** The query of `/recipes` (API.md §6). */
export const recipesQuerySchema = {
  $id: 'recipes-query',
  title: 'Recipe collection query',
  type: 'object',
  properties: collectionQueryProperties,
  additionalProperties: false,
} as const;

/** What a query names (defaults are documented in the schema, applied by the service: never filled in by validation). */
export type RecipesQuery = FromSchema<typeof recipesQuerySchema, { keepDefaultedPropertiesOptional: true }>;

/** The query of `/users/{username}/recipes` (API.md §4, §6). */
export const userRecipesQuerySchema = {
  $id: 'user-recipes-query',
  title: 'A user\'s recipe collection query',
  type: 'object',
  properties: {
    ...collectionQueryProperties,
    visibility: {
      type: 'string', title: 'Visibility (all and private: the owner only)', enum: ['public', 'all', 'private'], default: 'public',
      prompt: 'Show', optionPrompts: { public: 'Published recipes', all: 'All recipes, drafts too (the owner only)', private: 'Drafts only (the owner only)' },
    },
  },
  additionalProperties: false,
} as const;

export type UserRecipesQuery = FromSchema<typeof userRecipesQuerySchema, { keepDefaultedPropertiesOptional: true }>;
