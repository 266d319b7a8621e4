import { affordance } from '../src/core/affordance.ts';
import { path } from '../src/core/paths.ts';
import { recipePolicies } from '../src/recipes/recipe.policies.ts';
import { recipeEditSchema } from '../schemas/recipe.schema.ts';

/** The paths of recipes, their lists (also a user's) and their cover images (API.md §4–§7); URIs are built from these patterns only. */
export const recipePaths = {
  collection: path('/recipes'),
  item: path('/recipes/:id'),
  publication: path('/recipes/:id/publish'),
  cover: path('/recipes/:id/cover'),
  userCollection: path('/users/:username/recipes'),
};

const { item, publication, cover } = recipePaths;
const policy = recipePolicies;

/** `/recipes/{id}` (API.md §5, §7): everything a client may do to one recipe and its cover image, and who may. */
export const recipeAffordances = {
  view: affordance({ id: 'recipe', name: 'self', method: 'GET', path: item, title: 'The recipe', policy: policy.view }),
  edit: affordance({ id: 'edit', name: 'edit', method: 'PATCH', path: item, title: 'Edit the recipe', body: recipeEditSchema, policy: policy.edit }),
  delete: affordance({ id: 'delete', name: 'delete', method: 'DELETE', path: item, title: 'Delete the recipe', policy: policy.delete }),
  publish: affordance({ id: 'publish', name: 'publish', method: 'PUT', path: publication, title: 'Publish the recipe', policy: policy.publish }),
  unpublish: affordance({
    id: 'unpublish', name: 'unpublish', method: 'DELETE', path: publication, title: 'Take the recipe back to draft', policy: policy.unpublish,
  }),
  /** edit-media (API.md §7): GET answers 303 to the image, PUT an image sets it, DELETE removes it. */
  viewCover: affordance({ id: 'cover', name: 'edit-media', method: 'GET', path: cover, title: 'The cover image', policy: policy.viewCover }),
  setCover: affordance({
    id: 'set-cover', name: 'edit-media', method: 'PUT', path: cover, title: 'Cover image (PUT an image, DELETE to remove)', policy: policy.setCover,
  }),
  removeCover: affordance({
    id: 'remove-cover', name: 'edit-media', method: 'DELETE', path: cover, title: 'Remove the cover image', policy: policy.removeCover,
  }),
};
