import type { Request, Response } from 'express';
import { recipeAffordances } from '../../resources/recipe.affordances.ts';
import { RecipeResource } from '../../resources/recipe.resource.ts';
import { changeKeys } from '../core/cache-keys.ts';
import { renderContext } from '../http/context.ts';
import { purgeKeys } from '../http/purge-changes.ts';
import { sendNoContent, sendResource, sendSeeOther } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import { recipeBody } from '../../schemas/recipe.schema.ts';
import type { ImageService, ImageSwap } from '../images/image.service.ts';
import type { Recipe } from '../recipes/recipe.entity.ts';
import { fieldValuesOf, type RecipeFieldValues } from '../recipes/recipe-fields.ts';
import type { RecipeService } from '../recipes/recipe.service.ts';
import { ifMatchOf, listsOf, recipeId } from './recipe-requests.ts';
import { imageUri, upload } from './uploads.ts';

function sendRecipe(req: Request, res: Response, recipe: Recipe): void {
  sendResource(req, res, new RecipeResource(renderContext(req), recipe), { invalidates: listsOf(req, recipe) });
}

/** `/recipes/{id}`, its publication and its cover (API.md §5, §7): every route is an affordance of recipe.affordances.ts. */
export function recipeRoutes(recipes: RecipeService, images: ImageService): Route[] {
  const { view, edit, delete: remove, publish, unpublish, viewCover, setCover, removeCover } = recipeAffordances;
  // API.md §8: each change purges the cache tags of what it may alter (src/core/cache-keys.ts).
  const publication = (published: boolean) => async (req: Request, res: Response, caller: Parameters<RecipeService['setPublished']>[0]) => {
    const recipe = await recipes.setPublished(caller, recipeId(req), published, ifMatchOf(req));
    purgeKeys(changeKeys.recipeListed(recipe, !published));
    sendRecipe(req, res, recipe);
  };
  const sendCover = (req: Request, res: Response, change: ImageSwap & { recipe: Recipe }) => {
    purgeKeys(changeKeys.cover(change.recipe, [change.previous, change.current]));
    sendRecipe(req, res, change.recipe);
  };

  return [
    on(view, async (req, res, caller) => {
      sendResource(req, res, new RecipeResource(renderContext(req), await recipes.view(caller, recipeId(req))));
    }),
    on(edit, async (req, res, caller) => {
      const id = recipeId(req);
      // The values before the change, read in its transaction: a form sends every field, only those that differ changed.
      let before: RecipeFieldValues | undefined;
      const precondition = ifMatchOf(req);
      const recipe = await recipes.edit(caller, id, parseBody(req, edit.body, recipeBody), (current) => {
        precondition(current);
        before = fieldValuesOf(current);
      });
      const after = fieldValuesOf(recipe);
      const changed = (Object.keys(after) as Array<keyof RecipeFieldValues>).filter((name) => after[name] !== before?.[name]);
      purgeKeys(changeKeys.recipeEdited(recipe, changed));
      sendRecipe(req, res, recipe);
    }),
    on(remove, async (req, res, caller) => {
      const recipe = await recipes.delete(caller, recipeId(req), ifMatchOf(req));
      purgeKeys(changeKeys.recipeListed(recipe, recipe.isPublish));
      sendNoContent(res, listsOf(req, recipe));
    }),
    on(publish, publication(true)),
    on(unpublish, publication(false)),
    on(viewCover, async (req, res, caller) => sendSeeOther(req, res, imageUri(req, await images.currentCover(caller, recipeId(req))))),
    on(setCover, async (req, res, caller) => {
      sendCover(req, res, await images.setCover(caller, recipeId(req), upload(req, res), ifMatchOf(req)));
    }),
    on(removeCover, async (req, res, caller) => {
      sendCover(req, res, await images.removeCover(caller, recipeId(req), ifMatchOf(req)));
    }),
  ];
}
