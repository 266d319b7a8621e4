import { Router, type Request, type Response } from 'express';
import { RecipeCollectionResource } from '../../resources/recipe-collection.resource.ts';
import { RecipeResource } from '../../resources/recipe.resource.ts';
import {
  recipeCreateSchema, recipeEditSchema, recipesQuerySchema, userRecipesQuerySchema,
  type RecipeCreate, type RecipeEdit, type RecipesQuery, type UserRecipesQuery,
} from '../../schemas/recipe.schema.ts';
import { requireCaller } from '../http/auth.ts';
import { httpSettings, renderContext } from '../http/context.ts';
import { ifMatch } from '../http/etag.ts';
import { addLink } from '../http/link-header.ts';
import { currentEtags, sendIfNotModified, sendResource } from '../http/representation.ts';
import { resource } from '../http/routing.ts';
import { parseBody, parseQuery } from '../http/validation.ts';
import { AppError } from '../problem-types.ts';
import { announcer, type RecipeRoutesOptions } from './recipe-changes.ts';
import type { Recipe } from './recipe.entity.ts';
import { DEFAULT_PER_PAGE, type Precondition, type RecipePage, type RecipeService } from './recipe.service.ts';

const MAX_ID = 2_147_483_647;

/** The recipe id of the path; anything but a canonical positive int4 is a 404, never a 500. */
export function recipeId(req: Request): number {
  const raw = String(req.params.id);
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(id <= MAX_ID)) throw new AppError('not-found', `There is no recipe ${raw}.`);
  return id;
}

/** If-Match: the current ETag of either JSON representation, as this caller sees it. */
export function ifMatchOf(req: Request): Precondition {
  const header = req.get('If-Match');
  return (recipe) => {
    if (header === undefined) return;
    if (!ifMatch(header, currentEtags(new RecipeResource(renderContext(req), recipe)))) {
      throw new AppError('precondition-failed', 'The recipe changed since you read it (If-Match does not name its current ETag).');
    }
  };
}

/** The collections every change to a recipe alters (Link: rel="invalidates"). */
function invalidated(req: Request, recipe: Recipe): string[] {
  const { uris } = httpSettings(req);
  return [uris.recipes(), uris.userRecipes(recipe.user.username)];
}

export function sendRecipe(req: Request, res: Response, recipe: Recipe): void {
  sendResource(req, res, new RecipeResource(renderContext(req), recipe), { invalidates: invalidated(req, recipe) });
}

type Owner = { id: number; username: string; shown: 'public' | 'all' | 'private' };

function collectionOf(req: Request, page: RecipePage, query: UserRecipesQuery, revision: number, owner?: Owner): RecipeCollectionResource {
  const { q, sort, order, per_page, visibility } = query;
  return new RecipeCollectionResource(renderContext(req), {
    ...page, query: { q, sort, order, per_page, ...(owner && { visibility }) }, ...(owner && { owner }), revision,
  });
}

/** Before any query but the stats: a revalidation that still matches is a 304, nothing rendered or counted. */
function notModified(req: Request, res: Response, query: RecipesQuery, revision: number): boolean {
  const page = { items: [], total: 0, page: query.page ?? 1, perPage: query.per_page ?? DEFAULT_PER_PAGE };
  return sendIfNotModified(req, res, collectionOf(req, page, query, revision));
}

/** Recipes and the collections of recipes (API.md §4–§6). */
export function recipeRoutes(service: RecipeService, options: RecipeRoutesOptions = {}): Router {
  const router = Router();
  const callerId = (req: Request) => req.caller?.id ?? null;
  const notify = announcer(options);
  const announce = (req: Request, recipe: Recipe, withCover: boolean) => notify(recipe, withCover, req.id);

  resource(router, '/recipes', {
    get: async (req, res) => {
      const query = parseQuery(req, recipesQuerySchema);
      const stats = await service.stats();
      if (notModified(req, res, query, stats.publishedRevision)) return;
      sendResource(req, res, collectionOf(req, await service.list(query, stats), query, stats.publishedRevision));
    },
    post: async (req, res) => {
      const caller = requireCaller(req);
      const recipe = await service.create(caller.id, parseBody(req, recipeCreateSchema));
      await announce(req, recipe, false);
      sendResource(req, res, new RecipeResource(renderContext(req), recipe), {
        status: 201, location: httpSettings(req).uris.recipe(recipe.id), invalidates: invalidated(req, recipe),
      });
    },
  });

  resource(router, '/recipes/:id', {
    get: async (req, res) => {
      sendResource(req, res, new RecipeResource(renderContext(req), await service.view(callerId(req), recipeId(req))));
    },
    patch: async (req, res) => {
      const caller = requireCaller(req);
      const id = recipeId(req);
      const changes = parseBody(req, recipeEditSchema);
      const recipe = await service.edit(caller.id, id, changes, ifMatchOf(req));
      await announce(req, recipe, false);
      sendRecipe(req, res, recipe);
    },
    delete: async (req, res) => {
      const caller = requireCaller(req);
      const recipe = await service.delete(caller.id, recipeId(req), ifMatchOf(req));
      await announce(req, recipe, true);
      for (const uri of invalidated(req, recipe)) addLink(res, uri, 'invalidates');
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
    },
  });

  resource(router, '/recipes/:id/publish', {
    put: async (req, res) => {
      const caller = requireCaller(req);
      const recipe = await service.setPublished(caller.id, recipeId(req), true, ifMatchOf(req));
      await announce(req, recipe, true);
      sendRecipe(req, res, recipe);
    },
    delete: async (req, res) => {
      const caller = requireCaller(req);
      const recipe = await service.setPublished(caller.id, recipeId(req), false, ifMatchOf(req));
      await announce(req, recipe, true);
      sendRecipe(req, res, recipe);
    },
  });

  resource(router, '/users/:username/recipes', {
    get: async (req, res) => {
      const query = parseQuery(req, userRecipesQuerySchema);
      const stats = await service.stats();
      const page = await service.listOfUser(callerId(req), String(req.params.username), query);
      const revision = page.visibility === 'public' ? stats.publishedRevision : stats.revision;
      sendResource(req, res, collectionOf(req, page, query, revision, { id: page.owner.id, username: page.owner.username, shown: page.visibility }));
    },
  });
  return router;
}
