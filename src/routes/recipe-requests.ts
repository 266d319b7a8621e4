import type { Request } from 'express';
import { recipePaths } from '../../resources/recipe.affordances.ts';
import { RecipeResource } from '../../resources/recipe.resource.ts';
import { AppError } from '../core/app-error.ts';
import { httpSettings, renderContext } from '../http/context.ts';
import { ifMatch } from '../http/etag.ts';
import { currentEtags } from '../http/representation.ts';
import type { Precondition } from '../recipes/recipe.service.ts';

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

/** The lists every change to a recipe alters (Link: rel="invalidates"; purged from caches with any query). */
export function listsOf(req: Request, recipe: { user: { username: string } }): string[] {
  const { uris } = httpSettings(req);
  return [uris.of(recipePaths.collection, {}), uris.of(recipePaths.userCollection, { username: recipe.user.username })];
}
