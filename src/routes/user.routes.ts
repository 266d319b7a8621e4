import type { Request, Response } from 'express';
import { userAffordances, userPaths } from '../../resources/user.affordances.ts';
import { UserResource } from '../../resources/user.resource.ts';
import { AppError } from '../core/app-error.ts';
import { httpSettings, renderContext } from '../http/context.ts';
import { ifMatch } from '../http/etag.ts';
import { changeKeys, pageKeys } from '../core/cache-keys.ts';
import { purgeKeys } from '../http/purge-changes.ts';
import { currentEtags, sendAccepted, sendResource, sendSeeOther, setCacheHeaders } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import type { ImageService, ImageSwap } from '../images/image.service.ts';
import type { User } from '../users/user.entity.ts';
import type { UserService } from '../users/user.service.ts';
import { imageUri, upload } from './uploads.ts';

/** If-Match on a user: the current ETag of either JSON representation, as this caller sees it. */
function ifMatchOf(req: Request): (user: User) => void {
  const header = req.get('If-Match');
  return (user) => {
    if (header !== undefined && !ifMatch(header, currentEtags(new UserResource(renderContext(req), user)))) {
      throw new AppError('precondition-failed', 'The user changed since you read it (If-Match does not name its current ETag).');
    }
  };
}

function sendAvatarChange(req: Request, res: Response, change: ImageSwap & { user: User }): void {
  purgeKeys(changeKeys.avatar(change.user, [change.previous, change.current]));
  // `me` shows the same user: a client that cached it learns it changed.
  sendResource(req, res, new UserResource(renderContext(req), change.user), { invalidates: [httpSettings(req).uris.of(userPaths.me, {})] });
}

/**
 * Registration, `/users/{username}`, `me` and the avatar (API.md §3, §4, §7), as user.affordances.ts
 * declares them. Usernames are unique case-insensitively, but each user has one URI: a request spelling
 * the username in another case is redirected (301) to the canonical one, so caches and purges see one URL.
 */
export function userRoutes(users: UserService, images: ImageService): Route[] {
  const { register, view, me, viewAvatar, setAvatar, removeAvatar } = userAffordances;
  const username = (req: Request) => String(req.params.username);
  return [
    on(register, async (req, res) => {
      await users.register(parseBody(req, register.body));
      // The same answer for a new account and an address that already has one (no enumeration).
      sendAccepted(req, res, 'Check your email: the account becomes active once you follow the link we sent.');
    }),
    on(view, async (req, res) => {
      const asked = username(req);
      const user = await users.byUsername(asked);
      const ctx = renderContext(req);
      if (user.username !== asked) {
        setCacheHeaders(req, res, 'public', pageKeys.user(user));
        res.vary('Authorization');
        return void res.redirect(301, ctx.uris.of(userPaths.user, { username: user.username }));
      }
      sendResource(req, res, new UserResource(ctx, user));
    }),
    on(me, async (req, res, caller) => sendResource(req, res, new UserResource(renderContext(req), await users.own(caller)))),
    on(viewAvatar, async (req, res) => sendSeeOther(req, res, imageUri(req, await images.currentAvatar(username(req))))),
    on(setAvatar, async (req, res, caller) => {
      sendAvatarChange(req, res, await images.setAvatar(caller, username(req), upload(req, res), ifMatchOf(req)));
    }),
    on(removeAvatar, async (req, res, caller) => {
      sendAvatarChange(req, res, await images.removeAvatar(caller, username(req), ifMatchOf(req)));
    }),
  ];
}
