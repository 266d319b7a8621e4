import type { Request } from 'express';
import { recipeCollectionAffordances } from '../../resources/recipe-collection.affordances.ts';
import { RecipeCollectionResource } from '../../resources/recipe-collection.resource.ts';
import { recipePaths } from '../../resources/recipe.affordances.ts';
import { RecipeResource } from '../../resources/recipe.resource.ts';
import { recipeBody, recipesQuerySchema, userRecipesQuerySchema, type UserRecipesQuery } from '../../schemas/recipe.schema.ts';
import { httpSettings, renderContext } from '../http/context.ts';
import { idempotencyClaim } from '../http/idempotency-key.ts';
import { sendIfNotModified, sendResource } from '../http/representation.ts';
import { RevalidationMemo } from '../http/revalidation-memo.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody, parseQuery } from '../http/validation.ts';
import { DEFAULT_PER_PAGE, type RecipePage, type RecipeService } from '../recipes/recipe.service.ts';
import { listsOf } from './recipe-requests.ts';

type Owner = { id: number; username: string; shown: 'public' | 'all' | 'private' };

function collectionOf(req: Request, page: RecipePage, query: UserRecipesQuery, owner?: Owner): RecipeCollectionResource {
  const { q, sort, order, per_page, max_cook_time, min_servings, visibility } = query;
  return new RecipeCollectionResource(renderContext(req), {
    ...page, query: { q, sort, order, per_page, max_cook_time, min_servings, ...(owner && { visibility }) }, ...(owner && { owner }),
  });
}

/** `/recipes` and `/users/{username}/recipes` (API.md §4, §6), and writing a new recipe: recipe-collection.affordances.ts. */
export function recipeCollectionRoutes(recipes: RecipeService): Route[] {
  const { list, listOfUser, create } = recipeCollectionAffordances;
  const validators = new RevalidationMemo();
  return [
    on(list, async (req, res) => {
      const query = parseQuery(req, recipesQuerySchema);
      const stats = await recipes.stats();
      // Before any query but the counters: a revalidation of what this instance sent since the last change
      // to published recipes is a 304, nothing read or rendered; otherwise the page is read (its ETag is its content).
      const empty = { items: [], total: 0, page: query.page ?? 1, perPage: query.per_page ?? DEFAULT_PER_PAGE };
      const identity = `${req.caller?.id ?? '-'}|${collectionOf(req, empty, query).self}`;
      const known = validators.get(identity, stats.publishedRevision);
      if (known && sendIfNotModified(req, res, known)) return;
      const collection = collectionOf(req, await recipes.list(query, stats), query);
      validators.remember(identity, stats.publishedRevision, collection);
      sendResource(req, res, collection);
    }),
    on(listOfUser, async (req, res, caller) => {
      const query = parseQuery(req, userRecipesQuerySchema);
      const page = await recipes.listOfUser(caller, String(req.params.username), query);
      sendResource(req, res, collectionOf(req, page, query, { id: page.owner.id, username: page.owner.username, shown: page.visibility }));
    }),
    on(create, async (req, res, caller) => {
      const once = idempotencyClaim(req, caller); // API.md §10: a retry with the key gets this answer again
      const recipe = await recipes.create(caller, parseBody(req, create.body, recipeBody), once);
      sendResource(req, res, new RecipeResource(renderContext(req), recipe), {
        status: 201, location: httpSettings(req).uris.of(recipePaths.item, { id: recipe.id }), invalidates: listsOf(req, recipe),
      });
    }),
  ];
}
