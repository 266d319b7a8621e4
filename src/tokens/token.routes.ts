import { Router, type Response } from 'express';
import type { Uris } from '../../resources/uris.ts';
import { loginSchema, logoutSchema, refreshSchema, type LoginBody, type LogoutBody, type RefreshBody } from '../../schemas/account.schema.ts';
import { requireCaller } from '../http/auth.ts';
import { httpSettings } from '../http/context.ts';
import { HAL } from '../http/negotiate.ts';
import { resource } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import type { IssuedTokens, TokenService } from './token.service.ts';

/** Token responses are secrets: never stored by any cache. */
function sendTokens(res: Response, uris: Uris, tokens: IssuedTokens): void {
  const { username, ...body } = tokens;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.status(200).type(HAL).send(JSON.stringify({ ...body, _links: { me: { href: uris.user(username), title: username } } }));
}

/** Login, refresh and logout (API.md §3). */
export function tokenRoutes(tokens: TokenService): Router {
  const router = Router();
  resource(router, '/tokens', {
    post: async (req, res) => {
      const body = parseBody<LoginBody>(req, loginSchema);
      sendTokens(res, httpSettings(req).uris, await tokens.login(body.username, body.password));
    },
  });
  resource(router, '/tokens/refresh', {
    post: async (req, res) => {
      const body = parseBody<RefreshBody>(req, refreshSchema);
      sendTokens(res, httpSettings(req).uris, await tokens.refresh(body.refresh_token));
    },
  });
  resource(router, '/tokens/revoke', {
    post: async (req, res) => {
      const caller = requireCaller(req);
      const body = parseBody<LogoutBody>(req, logoutSchema);
      await tokens.logout(body.refresh_token, caller);
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
    },
  });
  return router;
}
