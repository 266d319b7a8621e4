import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { UserResource } from '../../resources/user.resource.ts';
import { Uris } from '../../resources/uris.ts';
import { requireCaller } from '../http/auth.ts';
import { httpSettings, renderContext } from '../http/context.ts';
import { ifMatch, noneMatch } from '../http/etag.ts';
import { currentEtags, sendResource, sendSeeOther } from '../http/representation.ts';
import { resource } from '../http/routing.ts';
import { readUpload, type UploadRules } from '../http/upload-body.ts';
import { AppError } from '../problem-types.ts';
import type { Recipe } from '../recipes/recipe.entity.ts';
import { ifMatchOf, recipeId, sendRecipe } from '../recipes/recipe.routes.ts';
import type { User } from '../users/user.entity.ts';
import type { ImageChangedHook } from './image-changes.ts';
import { MAX_IMAGE_BYTES } from './image-processing.ts';
import { describeImage } from './image-store.ts';
import type { ImageService, ImageSwap, ReadUpload } from './image.service.ts';

const UPLOAD: UploadRules = { maxBytes: MAX_IMAGE_BYTES, rawTypes: ['image/jpeg', 'image/png', 'image/webp'], field: 'file' };
const IMMUTABLE = 'max-age=31536000, immutable';

/** Purge paths never carry PUBLIC_BASE_URL. */
const paths = new Uris();

export interface ImageRoutesOptions {
  /** Called after every committed change, before the response (cache purging); see image-changes.ts. */
  onImageChanged: ImageChangedHook;
  logger: Logger;
}

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

const imagePaths = (swap: ImageSwap) =>
  [swap.previous, swap.current].filter((file, i, all): file is string => file !== null && all.indexOf(file) === i).map(paths.image);

/**
 * `edit-media` of users and recipes (PUT an image, DELETE it; GET: 303 to the current image, 404 when
 * there is none, so following the link is never a dead end) and the image files themselves (API.md §7).
 */
export function imageRoutes(images: ImageService, options: ImageRoutesOptions): Router {
  const router = Router();
  const announce = async (req: Request, change: Parameters<ImageChangedHook>[0]) => {
    try {
      await options.onImageChanged(change);
    } catch (error) {
      options.logger.error({ err: error, reqId: req.id }, 'image change hook failed');
    }
  };
  const sendUser = async (req: Request, res: Response, change: ImageSwap & { user: User }) => {
    await announce(req, { resource: paths.user(change.user.username), images: imagePaths(change), collections: [] });
    // `me` shows the same user: a client that cached it learns it changed.
    sendResource(req, res, new UserResource(renderContext(req), change.user), { invalidates: [httpSettings(req).uris.me()] });
  };
  const sendCover = async (req: Request, res: Response, change: ImageSwap & { recipe: Recipe }) => {
    const { recipe } = change;
    await announce(req, {
      resource: paths.recipe(recipe.id), images: imagePaths(change),
      collections: [paths.recipes(), paths.userRecipes(recipe.user.username)],
    });
    sendRecipe(req, res, recipe);
  };
  const username = (req: Request) => String(req.params.username);

  resource(router, '/users/:username/avatar', {
    get: async (req, res) => sendSeeOther(res, httpSettings(req).uris.image(await images.currentAvatar(username(req)))),
    put: async (req, res) => {
      const caller = requireCaller(req);
      await sendUser(req, res, await images.setAvatar(caller.id, username(req), upload(req, res), userIfMatch(req)));
    },
    delete: async (req, res) => {
      const caller = requireCaller(req);
      await sendUser(req, res, await images.removeAvatar(caller.id, username(req), userIfMatch(req)));
    },
  });

  resource(router, '/recipes/:id/cover', {
    get: async (req, res) => sendSeeOther(res, httpSettings(req).uris.image(await images.currentCover(req.caller?.id ?? null, recipeId(req)))),
    put: async (req, res) => {
      const caller = requireCaller(req);
      const id = recipeId(req);
      await sendCover(req, res, await images.setCover(caller.id, id, upload(req, res), ifMatchOf(req)));
    },
    delete: async (req, res) => {
      const caller = requireCaller(req);
      await sendCover(req, res, await images.removeCover(caller.id, recipeId(req), ifMatchOf(req)));
    },
  });

  resource(router, '/images/:file', {
    get: async (req, res) => {
      const name = String(req.params.file);
      const visibility = await images.visibility(req.caller?.id ?? null, name);
      const { contentType, etag } = describeImage(name);
      res.setHeader('Cache-Control', `${visibility}, ${IMMUTABLE}`);
      // A shared cache would replay one client's remaining count to everybody (API.md §10).
      if (visibility === 'public') res.removeHeader('RateLimit');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // Public pictures may be embedded by pages on any origin (helmet's default is same-origin).
      if (visibility === 'public') res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.setHeader('ETag', etag);
      res.setHeader('Content-Type', contentType);
      if (noneMatch(req.get('If-None-Match'), etag)) return void res.status(304).end();
      const image = await images.read(name, { body: req.method !== 'HEAD' });
      res.setHeader('Content-Length', String(image.size));
      res.status(200);
      if (!image.body) return void res.end();
      // Streamed from the store; a failure half-way can only cut the connection (the headers are out).
      await pipeline(image.body, res).catch((error: unknown) => {
        options.logger.warn({ err: error, reqId: req.id }, 'image stream failed');
        res.destroy();
      });
    },
  });
  return router;
}
