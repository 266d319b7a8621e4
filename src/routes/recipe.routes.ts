import type { Request, Response } from 'express';
import { imagePaths } from '../../resources/image.affordances.ts';
import { recipeAffordances } from '../../resources/recipe.affordances.ts';
import { RecipeResource } from '../../resources/recipe.resource.ts';
import { httpSettings, renderContext } from '../http/context.ts';
import { purgeAlso } from '../http/purge-changes.ts';
import { sendNoContent, sendResource, sendSeeOther } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import { previewNameOf } from '../images/image-store.ts';
import type { ImageService } from '../images/image.service.ts';
import type { Recipe } from '../recipes/recipe.entity.ts';
import type { RecipeService } from '../recipes/recipe.service.ts';
import { ifMatchOf, listsOf, recipeId } from './recipe-requests.ts';
import { imageUri, purgeImagesOf, upload } from './uploads.ts';

function sendRecipe(req: Request, res: Response, recipe: Recipe): void {
  sendResource(req, res, new RecipeResource(renderContext(req), recipe), { invalidates: listsOf(req, recipe) });
}

/** A change that alters who may see the cover (publish, unpublish, delete): its file is purged from caches too. */
function purgeCoverOf(req: Request, recipe: Recipe): void {
  if (recipe.cover) purgeAlso({ purge: [recipe.cover, previewNameOf(recipe.cover)].map((file) => httpSettings(req).uris.of(imagePaths.file, { file })) });
}

/** `/recipes/{id}`, its publication and its cover (API.md §5, §7): every route is an affordance of recipe.affordances.ts. */
export function recipeRoutes(recipes: RecipeService, images: ImageService): Route[] {
  const { view, edit, delete: remove, publish, unpublish, viewCover, setCover, removeCover } = recipeAffordances;
  const publication = (published: boolean) => async (req: Request, res: Response, caller: Parameters<RecipeService['setPublished']>[0]) => {
    const recipe = await recipes.setPublished(caller, recipeId(req), published, ifMatchOf(req));
    purgeCoverOf(req, recipe);
    sendRecipe(req, res, recipe);
  };
  const sendCover = (req: Request, res: Response, change: Parameters<typeof purgeImagesOf>[1] & { recipe: Recipe }) => {
    purgeImagesOf(req, change);
    sendRecipe(req, res, change.recipe);
  };

  return [
    on(view, async (req, res, caller) => {
      sendResource(req, res, new RecipeResource(renderContext(req), await recipes.view(caller, recipeId(req))));
    }),
    on(edit, async (req, res, caller) => {
      const id = recipeId(req);
      sendRecipe(req, res, await recipes.edit(caller, id, parseBody(req, edit.body), ifMatchOf(req)));
    }),
    on(remove, async (req, res, caller) => {
      const recipe = await recipes.delete(caller, recipeId(req), ifMatchOf(req));
      purgeCoverOf(req, recipe);
      sendNoContent(res, listsOf(req, recipe));
    }),
    on(publish, publication(true)),
    on(unpublish, publication(false)),
    on(viewCover, async (req, res, caller) => sendSeeOther(res, imageUri(req, await images.currentCover(caller, recipeId(req))))),
    on(setCover, async (req, res, caller) => {
      sendCover(req, res, await images.setCover(caller, recipeId(req), upload(req, res), ifMatchOf(req)));
    }),
    on(removeCover, async (req, res, caller) => {
      sendCover(req, res, await images.removeCover(caller, recipeId(req), ifMatchOf(req)));
    }),
  ];
}
