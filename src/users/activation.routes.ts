import { Router, type Request, type Response } from 'express';
import { activatedPage, pendingActivationPage } from '../../resources/activation-page.ts';
import { ActivationResource } from '../../resources/activation.resource.ts';
import { resendActivationSchema, type ResendActivationBody } from '../../schemas/account.schema.ts';
import { renderContext } from '../http/context.ts';
import { HTML, negotiate } from '../http/negotiate.ts';
import { sendAccepted, sendResource } from '../http/representation.ts';
import { resource } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import type { UserService } from './user.service.ts';

function wantsHtml(req: Request): boolean {
  return negotiate(req.get('Accept'), true) === HTML;
}

function sendHtml(res: Response, html: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.vary('Accept');
  res.type('text/html; charset=utf-8').send(html);
}

/** Email activation (API.md §3): GET shows it without consuming it, POST activates; resend. */
export function activationRoutes(users: UserService): Router {
  const router = Router();
  resource(router, '/activation', {
    post: async (req, res) => {
      const body = parseBody(req, resendActivationSchema);
      await users.resendActivation(body.email);
      sendAccepted(req, res, 'If an inactive account has this email address, a new activation link is on its way.');
    },
  });
  resource(router, '/activation/:token', {
    get: async (req, res) => {
      const token = String(req.params.token);
      const { username } = await users.pendingActivation(token);
      const ctx = renderContext(req);
      if (wantsHtml(req)) return sendHtml(res, pendingActivationPage(username, ctx.uris.activation(token)));
      sendResource(req, res, new ActivationResource(ctx, token, username, false));
    },
    post: async (req, res) => {
      const token = String(req.params.token);
      const { username } = await users.activate(token);
      const ctx = renderContext(req);
      if (wantsHtml(req)) return sendHtml(res, activatedPage(username, ctx.uris.root()));
      sendResource(req, res, new ActivationResource(ctx, token, username, true));
    },
  });
  return router;
}
