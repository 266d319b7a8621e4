import type { Request } from 'express';
import { activatedPage, activationFailedPage, pendingActivationPage } from '../../resources/activation-page.ts';
import { activationAffordances, activationPaths } from '../../resources/activation.affordances.ts';
import { ActivationResource } from '../../resources/activation.resource.ts';
import { type AppError } from '../core/app-error.ts';
import { renderContext } from '../http/context.ts';
import { sendAccepted, sendResource } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import { orExplainInHtml, sendHtml, wantsHtml } from './html-answers.ts';
import type { UserService } from '../users/user.service.ts';

/**
 * A browser that opens an unknown, used or expired link gets a page that says so and what to do
 * (same status as the problem: 404 or 410); every other client gets the problem+json.
 */
function explained(req: Request): (error: AppError) => string | undefined {
  return (error) => (error.slug === 'not-found' || error.slug === 'activation-gone'
    ? activationFailedPage(error.slug === 'activation-gone', renderContext(req).uris.explorer())
    : undefined);
}

/** Email activation (API.md §3): GET shows it without consuming it, POST activates; resend. */
export function activationRoutes(users: UserService): Route[] {
  const { resend, view, activate } = activationAffordances;
  return [
    on(resend, async (req, res) => {
      await users.resendActivation(parseBody(req, resend.body).email);
      sendAccepted(req, res, 'If an inactive account has this email address, a new activation link is on its way.');
    }),
    on(view, async (req, res) => {
      const token = String(req.params.token);
      const pending = await orExplainInHtml(req, res, () => users.pendingActivation(token), explained(req));
      if (!pending) return;
      const { username } = pending;
      const ctx = renderContext(req);
      if (wantsHtml(req)) return sendHtml(res, pendingActivationPage(username, ctx.uris.of(activationPaths.activation, { token })));
      sendResource(req, res, new ActivationResource(ctx, token, username, false));
    }),
    on(activate, async (req, res) => {
      const token = String(req.params.token);
      const activated = await orExplainInHtml(req, res, () => users.activate(token), explained(req));
      if (!activated) return;
      const { username } = activated;
      const ctx = renderContext(req);
      if (wantsHtml(req)) return sendHtml(res, activatedPage(username, ctx.uris.root()));
      sendResource(req, res, new ActivationResource(ctx, token, username, true));
    }),
  ];
}
