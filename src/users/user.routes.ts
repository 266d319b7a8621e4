import { Router } from 'express';
import { UserResource } from '../../resources/user.resource.ts';
import { registerSchema, type RegisterBody } from '../../schemas/account.schema.ts';
import { requireCaller } from '../http/auth.ts';
import { renderContext } from '../http/context.ts';
import { cacheControl, sendAccepted, sendResource } from '../http/representation.ts';
import { resource } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import type { UserService } from './user.service.ts';

/**
 * Registration, `/users/{username}` and `me` (API.md §3, §4). Usernames are unique
 * case-insensitively, but each user has one URI: a request spelling the username in another
 * case is redirected (301) to the canonical `/users/{username}`, so caches and purges see one URL.
 */
export function userRoutes(users: UserService): Router {
  const router = Router();
  resource(router, '/users', {
    post: async (req, res) => {
      const body = parseBody(req, registerSchema);
      await users.register(body);
      // The same answer for a new account and an address that already has one (no enumeration).
      sendAccepted(req, res, 'Check your email: the account becomes active once you follow the link we sent.');
    },
  });
  resource(router, '/users/:username', {
    get: async (req, res) => {
      const asked = String(req.params.username);
      const user = await users.byUsername(asked);
      const ctx = renderContext(req);
      if (user.username !== asked) {
        res.setHeader('Cache-Control', cacheControl(req, 'public'));
        res.vary('Authorization');
        return void res.redirect(301, ctx.uris.user(user.username));
      }
      sendResource(req, res, new UserResource(ctx, user));
    },
  });
  resource(router, '/me', {
    get: async (req, res) => {
      const caller = requireCaller(req);
      const user = await users.byId(caller.id);
      sendResource(req, res, new UserResource(renderContext(req), user));
    },
  });
  return router;
}
