import type { Request, Response } from 'express';
import { loginSchema, logoutSchema, refreshSchema } from '../../schemas/account.schema.ts';
import { requireCaller } from '../http/auth.ts';
import { httpSettings } from '../http/context.ts';
import { sendHalBody } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import { userPaths } from '../users/user.actions.ts';
import { tokenActions } from './token.actions.ts';
import type { IssuedTokens, TokenService } from './token.service.ts';

/** Token responses are secrets: never stored by any cache. */
function sendTokens(req: Request, res: Response, tokens: IssuedTokens): void {
  const { username, ...body } = tokens;
  const { uris } = httpSettings(req);
  res.setHeader('Pragma', 'no-cache');
  sendHalBody(req, res, 200, { ...body, _links: { me: { href: uris.of(userPaths.user, { username }), title: username } } });
}

/** Login, refresh and logout (API.md §3), as token.actions.ts declares them. */
export function tokenRoutes(tokens: TokenService): Route[] {
  return [
    on(tokenActions.login, async (req, res) => {
      const body = parseBody(req, loginSchema);
      sendTokens(req, res, await tokens.login(body.username, body.password));
    }),
    on(tokenActions.refresh, async (req, res) => {
      sendTokens(req, res, await tokens.refresh(parseBody(req, refreshSchema).refresh_token));
    }),
    on(tokenActions.logout, async (req, res) => {
      const caller = requireCaller(req);
      await tokens.logout(parseBody(req, logoutSchema).refresh_token, caller);
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
    }),
  ];
}
