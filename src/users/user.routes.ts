import { UserResource } from '../../resources/user.resource.ts';
import { registerSchema } from '../../schemas/account.schema.ts';
import { requireCaller } from '../http/auth.ts';
import { renderContext } from '../http/context.ts';
import { cacheControl, sendAccepted, sendResource } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import { userActions, userPaths } from './user.actions.ts';
import type { UserService } from './user.service.ts';

/**
 * Registration, `/users/{username}` and `me` (API.md §3, §4), as user.actions.ts declares them.
 * Usernames are unique case-insensitively, but each user has one URI: a request spelling the
 * username in another case is redirected (301) to the canonical one, so caches and purges see one URL.
 */
export function userRoutes(users: UserService): Route[] {
  return [
    on(userActions.register, async (req, res) => {
      await users.register(parseBody(req, registerSchema));
      // The same answer for a new account and an address that already has one (no enumeration).
      sendAccepted(req, res, 'Check your email: the account becomes active once you follow the link we sent.');
    }),
    on(userActions.view, async (req, res) => {
      const asked = String(req.params.username);
      const user = await users.byUsername(asked);
      const ctx = renderContext(req);
      if (user.username !== asked) {
        res.setHeader('Cache-Control', cacheControl(req, 'public'));
        res.vary('Authorization');
        return void res.redirect(301, ctx.uris.of(userPaths.user, { username: user.username }));
      }
      sendResource(req, res, new UserResource(ctx, user));
    }),
    on(userActions.me, async (req, res) => {
      const user = await users.byId(requireCaller(req).id);
      sendResource(req, res, new UserResource(renderContext(req), user));
    }),
  ];
}
