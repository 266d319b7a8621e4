import type { Request, Response } from 'express';
import { tokenAffordances } from '../../resources/token.affordances.ts';
import { userPaths } from '../../resources/user.affordances.ts';
import { httpSettings } from '../http/context.ts';
import { sendHalBody } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import type { IssuedTokens, TokenService } from '../tokens/token.service.ts';

/** Token responses are secrets: never stored by any cache. */
function sendTokens(req: Request, res: Response, tokens: IssuedTokens): void {
  const { username, ...body } = tokens;
  const { uris } = httpSettings(req);
  res.setHeader('Pragma', 'no-cache');
  sendHalBody(req, res, 200, { ...body, _links: { me: { href: uris.of(userPaths.user, { username }), title: username } } });
}

/** Login, refresh and logout (API.md §3), as token.affordances.ts declares them. */
export function tokenRoutes(tokens: TokenService): Route[] {
  const { login, refresh, logout } = tokenAffordances;
  return [
    on(login, async (req, res) => {
      const body = parseBody(req, login.body);
      sendTokens(req, res, await tokens.login(body.username, body.password, req.get('User-Agent') ?? ''));
    }),
    on(refresh, async (req, res) => {
      sendTokens(req, res, await tokens.refresh(parseBody(req, refresh.body).refresh_token));
    }),
    on(logout, async (req, res, caller) => {
      await tokens.logout(parseBody(req, logout.body).refresh_token, caller);
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
    }),
  ];
}
