import type { Request, Response } from 'express';
import { UserResource } from '../../resources/user.resource.ts';
import { AppError } from '../core/app-error.ts';
import { requireCaller } from '../http/auth.ts';
import { httpSettings, renderContext } from '../http/context.ts';
import { ifMatch } from '../http/etag.ts';
import { purgeAlso } from '../http/purge-changes.ts';
import { currentEtags, sendResource, sendSeeOther } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { readUpload, type UploadRules } from '../http/upload-body.ts';
import { recipeActions } from '../recipes/recipe.actions.ts';
import { ifMatchOf, recipeId, sendRecipe } from '../recipes/recipe.routes.ts';
import { userActions, userPaths } from '../users/user.actions.ts';
import type { User } from '../users/user.entity.ts';
import { imagePaths } from './image.actions.ts';
import { MAX_IMAGE_BYTES } from './image-processing.ts';
import type { ImageService, ImageSwap, ReadUpload } from './image.service.ts';

const UPLOAD: UploadRules = { maxBytes: MAX_IMAGE_BYTES, rawTypes: ['image/jpeg', 'image/png', 'image/webp'], field: 'file' };

const upload = (req: Request, res: Response): ReadUpload => () => readUpload(req, res, UPLOAD);

/** If-Match on a user: the current ETag of either JSON representation, as this caller sees it. */
function userIfMatch(req: Request): (user: User) => void {
  const header = req.get('If-Match');
  return (user) => {
    if (header !== undefined && !ifMatch(header, currentEtags(new UserResource(renderContext(req), user)))) {
      throw new AppError('precondition-failed', 'The user changed since you read it (If-Match does not name its current ETag).');
    }
  };
}

/** The files a change stopped or started showing: purged from caches with the change (API.md §8). */
function purgeImagesOf(req: Request, swap: ImageSwap): void {
  const files = [...new Set([swap.previous, swap.current])].filter((file): file is string => file !== null);
  purgeAlso({ purge: files.map((file) => httpSettings(req).uris.of(imagePaths.file, { file })) });
}

/**
 * `edit-media` of users and recipes (API.md §7), as their actions declare it: PUT an image sets it,
 * DELETE removes it, GET answers 303 to the current image (404 when there is none), so following the
 * link is never a dead end.
 */
export function editMediaRoutes(images: ImageService): Route[] {
  const username = (req: Request) => String(req.params.username);
  const sendUser = (req: Request, res: Response, change: ImageSwap & { user: User }) => {
    purgeImagesOf(req, change);
    // `me` shows the same user: a client that cached it learns it changed.
    sendResource(req, res, new UserResource(renderContext(req), change.user), { invalidates: [httpSettings(req).uris.of(userPaths.me, {})] });
  };
  const sendCover = (req: Request, res: Response, change: ImageSwap & { recipe: Parameters<typeof sendRecipe>[2] }) => {
    purgeImagesOf(req, change);
    sendRecipe(req, res, change.recipe);
  };
  const image = (req: Request, file: string) => httpSettings(req).uris.of(imagePaths.file, { file });

  return [
    on(userActions.viewAvatar, async (req, res) => sendSeeOther(res, image(req, await images.currentAvatar(username(req))))),
    on(userActions.setAvatar, async (req, res) => {
      sendUser(req, res, await images.setAvatar(requireCaller(req), username(req), upload(req, res), userIfMatch(req)));
    }),
    on(userActions.removeAvatar, async (req, res) => {
      sendUser(req, res, await images.removeAvatar(requireCaller(req), username(req), userIfMatch(req)));
    }),
    on(recipeActions.viewCover, async (req, res) => sendSeeOther(res, image(req, await images.currentCover(req.caller ?? null, recipeId(req))))),
    on(recipeActions.setCover, async (req, res) => {
      const caller = requireCaller(req);
      sendCover(req, res, await images.setCover(caller, recipeId(req), upload(req, res), ifMatchOf(req)));
    }),
    on(recipeActions.removeCover, async (req, res) => {
      sendCover(req, res, await images.removeCover(requireCaller(req), recipeId(req), ifMatchOf(req)));
    }),
  ];
}
