import { Router, type Request, type Response } from 'express';
import { loginSchema, logoutSchema, refreshSchema, type LoginBody, type LogoutBody, type RefreshBody } from '../../schemas/account.schema.ts';
import { requireCaller } from '../http/auth.ts';
import { httpSettings } from '../http/context.ts';
import { sendHalBody } from '../http/representation.ts';
import { resource } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import type { IssuedTokens, TokenService } from './token.service.ts';

/** Token responses are secrets: never stored by any cache. */
function sendTokens(req: Request, res: Response, tokens: IssuedTokens): void {
  const { username, ...body } = tokens;
  const { uris } = httpSettings(req);
  res.setHeader('Pragma', 'no-cache');
  sendHalBody(req, res, 200, { ...body, _links: { me: { href: uris.user(username), title: username } } });
}

/** Login, refresh and logout (API.md §3). */
export function tokenRoutes(tokens: TokenService): Router {
  const router = Router();
  resource(router, '/tokens', {
    post: async (req, res) => {
      const body = parseBody(req, loginSchema);
      sendTokens(req, res, await tokens.login(body.username, body.password));
    },
  });
  resource(router, '/tokens/refresh', {
    post: async (req, res) => {
      const body = parseBody(req, refreshSchema);
      sendTokens(req, res, await tokens.refresh(body.refresh_token));
    },
  });
  resource(router, '/tokens/revoke', {
    post: async (req, res) => {
      const caller = requireCaller(req);
      const body = parseBody(req, logoutSchema);
      await tokens.logout(body.refresh_token, caller);
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
    },
  });
  return router;
}
