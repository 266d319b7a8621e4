import { action, type Action } from '../core/actions.ts';
import type { Caller } from '../core/caller.ts';
import { path } from '../core/paths.ts';
import { recipeCreateSchema, recipeEditSchema, recipesQuerySchema, userRecipesQuerySchema } from '../../schemas/recipe.schema.ts';

/**
 * Every path and action of recipes and their collections (API.md §4–§7): the router registers
 * them, the Resources offer them, the services enforce them — all from this table.
 */
export const recipePaths = {
  collection: path('/recipes'),
  item: path('/recipes/:id'),
  publication: path('/recipes/:id/publish'),
  cover: path('/recipes/:id/cover'),
  userCollection: path('/users/:username/recipes'),
};

/** What the rules look at: whether it is published, whose it is, whether it has a cover. */
export interface RecipeState {
  isPublish: boolean;
  user: { id: number };
  cover?: string | null;
}

const isOwner = (caller: Caller | null, recipe: RecipeState) => caller !== null && recipe.user.id === caller.id;

/** A draft exists only for its owner (API.md §5): for anybody else it is a 404, never a 403. */
export const canSeeRecipe = (caller: Caller | null, recipe: RecipeState) => recipe.isPublish || isOwner(caller, recipe);

const OWNER_ONLY = 'Only the author of a recipe may change it.';

function ownerAction(name: string, method: Action['method'], at: Action['path'], title: string, extra: Partial<Action<RecipeState>> = {}) {
  return action<RecipeState>({ name, method, path: at, title, allows: isOwner, refusal: OWNER_ONLY, ...extra });
}

export const recipeActions = {
  view: action<RecipeState>({ name: 'self', method: 'GET', path: recipePaths.item, title: 'The recipe', allows: canSeeRecipe }),
  edit: ownerAction('edit', 'PATCH', recipePaths.item, 'Edit the recipe', { body: recipeEditSchema }),
  delete: ownerAction('delete', 'DELETE', recipePaths.item, 'Delete the recipe'),
  /** Idempotent (API.md §5): allowed again on a published recipe, offered only to a draft. */
  publish: ownerAction('publish', 'PUT', recipePaths.publication, 'Publish the recipe', { useful: (_caller, recipe) => !recipe.isPublish }),
  unpublish: ownerAction('unpublish', 'DELETE', recipePaths.publication, 'Take the recipe back to draft', { useful: (_caller, recipe) => recipe.isPublish }),
  /** edit-media (API.md §7): PUT an image sets the cover, DELETE removes it, GET answers 303 to it. */
  setCover: ownerAction('edit-media', 'PUT', recipePaths.cover, 'Cover image (PUT an image, DELETE to remove)'),
  removeCover: ownerAction('edit-media', 'DELETE', recipePaths.cover, 'Remove the cover image'),
  viewCover: action<RecipeState>({ name: 'edit-media', method: 'GET', path: recipePaths.cover, title: 'The cover image', allows: canSeeRecipe }),
};

/** Whose list it is (`/users/{username}/recipes`), or undefined for `/recipes`. */
export interface CollectionState {
  owner?: { id: number };
}

export const recipeCollectionActions = {
  list: action<CollectionState>({ name: 'self', method: 'GET', path: recipePaths.collection, title: 'Published recipes', allows: () => true }),
  listOfUser: action<CollectionState>({ name: 'self', method: 'GET', path: recipePaths.userCollection, title: 'A user\'s recipes', allows: () => true }),
  /** Anyone authenticated writes a draft; a user's list offers it to that user only (it lands in their list). */
  create: action<CollectionState>({
    name: 'create', method: 'POST', path: recipePaths.collection, title: 'Write a new recipe (a draft)', body: recipeCreateSchema,
    allows: (caller) => caller !== null,
    useful: (caller, list) => list.owner === undefined || list.owner.id === caller?.id,
  }),
};

/** The variables of the search templates: the query schemas' own parameters, in their order. */
export const collectionQueryVariables = Object.keys(recipesQuerySchema.properties);
export const userCollectionQueryVariables = Object.keys(userRecipesQuerySchema.properties);
