import { affordance } from '../src/core/affordance.ts';
import { recipeCollectionPolicies as policy } from '../src/recipes/recipe.policies.ts';
import { recipeCreateSchema, recipesQuerySchema, userRecipesQuerySchema } from '../schemas/recipe.schema.ts';
import { recipePaths } from './recipe.affordances.ts';

/** `/recipes` and `/users/{username}/recipes` (API.md §4, §6): reading them, and writing a new recipe. */
export const recipeCollectionAffordances = {
  list: affordance({
    id: 'recipes', name: 'self', method: 'GET', path: recipePaths.collection, title: 'Published recipes', query: recipesQuerySchema, policy: policy.list,
  }),
  listOfUser: affordance({
    id: 'user-recipes', name: 'self', method: 'GET', path: recipePaths.userCollection, title: 'A user\'s recipes', query: userRecipesQuerySchema,
    policy: policy.list,
  }),
  create: affordance({
    id: 'create', name: 'create', method: 'POST', path: recipePaths.collection, title: 'Write a new recipe (a draft)', body: recipeCreateSchema,
    policy: policy.create,
  }),
};

/** The `search` template of the entry point and the collections (API.md §2, §6): the GET form of a listing's query; `page` is not a field. */
export const SEARCH_FORM = { name: 'search', title: 'Search recipes', omit: ['page'] } as const;

/** The variables of the search templates: the query schemas' own parameters, in their order. */
export const collectionQueryVariables = Object.keys(recipesQuerySchema.properties);
export const userCollectionQueryVariables = Object.keys(userRecipesQuerySchema.properties);
