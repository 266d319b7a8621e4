import type { Request, Response } from 'express';
import { RecipeCollectionResource } from '../../resources/recipe-collection.resource.ts';
import { RecipeResource } from '../../resources/recipe.resource.ts';
import { recipeCreateSchema, recipeEditSchema, recipesQuerySchema, userRecipesQuerySchema, type UserRecipesQuery } from '../../schemas/recipe.schema.ts';
import { AppError } from '../core/app-error.ts';
import { requireCaller } from '../http/auth.ts';
import { httpSettings, renderContext } from '../http/context.ts';
import { ifMatch } from '../http/etag.ts';
import { purgeAlso } from '../http/purge-changes.ts';
import { currentEtags, sendIfNotModified, sendNoContent, sendResource } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody, parseQuery } from '../http/validation.ts';
import { imagePaths } from '../images/image.actions.ts';
import { recipeActions, recipeCollectionActions, recipePaths } from './recipe.actions.ts';
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

/** If-Match: the current ETag of either JSON representation, as this caller sees it (from its seed: nothing rendered). */
export function ifMatchOf(req: Request): Precondition {
  const header = req.get('If-Match');
  return (recipe) => {
    if (header === undefined) return;
    if (!ifMatch(header, currentEtags(new RecipeResource(renderContext(req), recipe)))) {
      throw new AppError('precondition-failed', 'The recipe changed since you read it (If-Match does not name its current ETag).');
    }
  };
}

/** The collections every change to a recipe alters (Link: rel="invalidates"; purged from caches with any query). */
function invalidated(req: Request, recipe: Recipe): string[] {
  const { uris } = httpSettings(req);
  return [uris.of(recipePaths.collection, {}), uris.of(recipePaths.userCollection, { username: recipe.user.username })];
}

export function sendRecipe(req: Request, res: Response, recipe: Recipe): void {
  sendResource(req, res, new RecipeResource(renderContext(req), recipe), { invalidates: invalidated(req, recipe) });
}

/** A change that alters who may see the cover (publish, unpublish, delete): its file is purged from caches too. */
function purgeCoverOf(req: Request, recipe: Recipe): void {
  if (recipe.cover) purgeAlso({ purge: [httpSettings(req).uris.of(imagePaths.file, { file: recipe.cover })] });
}

type Owner = { id: number; username: string; shown: 'public' | 'all' | 'private' };

function collectionOf(req: Request, page: RecipePage, query: UserRecipesQuery, revision: number, owner?: Owner): RecipeCollectionResource {
  const { q, sort, order, per_page, visibility } = query;
  return new RecipeCollectionResource(renderContext(req), {
    ...page, query: { q, sort, order, per_page, ...(owner && { visibility }) }, ...(owner && { owner }), revision,
  });
}

/** Recipes and the collections of recipes (API.md §4–§6): every route is an entry of recipe.actions.ts. */
export function recipeRoutes(service: RecipeService): Route[] {
  const callerOf = (req: Request) => req.caller ?? null;
  const publication = (publish: boolean) => async (req: Request, res: Response) => {
    const recipe = await service.setPublished(requireCaller(req), recipeId(req), publish, ifMatchOf(req));
    purgeCoverOf(req, recipe);
    sendRecipe(req, res, recipe);
  };

  return [
    on(recipeCollectionActions.list, async (req, res) => {
      const query = parseQuery(req, recipesQuerySchema);
      const stats = await service.stats();
      // Before any query but the counters: a revalidation that still matches is a 304, nothing read or rendered.
      const empty = { items: [], total: 0, page: query.page ?? 1, perPage: query.per_page ?? DEFAULT_PER_PAGE };
      if (sendIfNotModified(req, res, collectionOf(req, empty, query, stats.publishedRevision))) return;
      sendResource(req, res, collectionOf(req, await service.list(query, stats), query, stats.publishedRevision));
    }),
    on(recipeCollectionActions.create, async (req, res) => {
      const recipe = await service.create(requireCaller(req), parseBody(req, recipeCreateSchema));
      sendResource(req, res, new RecipeResource(renderContext(req), recipe), {
        status: 201, location: httpSettings(req).uris.of(recipePaths.item, { id: recipe.id }), invalidates: invalidated(req, recipe),
      });
    }),
    on(recipeActions.view, async (req, res) => {
      sendResource(req, res, new RecipeResource(renderContext(req), await service.view(callerOf(req), recipeId(req))));
    }),
    on(recipeActions.edit, async (req, res) => {
      const caller = requireCaller(req);
      const id = recipeId(req);
      sendRecipe(req, res, await service.edit(caller, id, parseBody(req, recipeEditSchema), ifMatchOf(req)));
    }),
    on(recipeActions.delete, async (req, res) => {
      const recipe = await service.delete(requireCaller(req), recipeId(req), ifMatchOf(req));
      purgeCoverOf(req, recipe);
      sendNoContent(res, invalidated(req, recipe));
    }),
    on(recipeActions.publish, publication(true)),
    on(recipeActions.unpublish, publication(false)),
    on(recipeCollectionActions.listOfUser, async (req, res) => {
      const query = parseQuery(req, userRecipesQuerySchema);
      const stats = await service.stats();
      const page = await service.listOfUser(callerOf(req), String(req.params.username), query);
      const revision = page.visibility === 'public' ? stats.publishedRevision : stats.revision;
      sendResource(req, res, collectionOf(req, page, query, revision, { id: page.owner.id, username: page.owner.username, shown: page.visibility }));
    }),
  ];
}
