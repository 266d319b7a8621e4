import type { Request } from 'express';
import { confirmationFailedPage, emailConfirmationPage, emailConfirmedPage } from '../../resources/account-pages.ts';
import { emailConfirmationAffordances, emailConfirmationPaths } from '../../resources/email-confirmation.affordances.ts';
import { EmailConfirmationResource } from '../../resources/email-confirmation.resource.ts';
import type { AppError } from '../core/app-error.ts';
import { renderContext } from '../http/context.ts';
import { sendResource } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import type { EmailChangeService } from '../users/email-change.service.ts';
import { orExplainInHtml, sendHtml, wantsHtml } from './html-answers.ts';

const REASONS = { 'not-found': 'unknown', 'email-confirmation-gone': 'gone', 'email-taken': 'taken' } as const;

/** A browser gets a page for a link that cannot be used (404, 410) or an address taken meanwhile (409). */
function explained(req: Request): (error: AppError) => string | undefined {
  return (error) => {
    const reason = REASONS[error.slug as keyof typeof REASONS] as (typeof REASONS)[keyof typeof REASONS] | undefined;
    return reason ? confirmationFailedPage(reason, renderContext(req).uris.explorer()) : undefined;
  };
}

/** The links in email-change mails (API.md §3): GET shows the pending change without consuming it, POST (empty body) confirms it. */
export function emailConfirmationRoutes(changes: EmailChangeService): Route[] {
  const { view, confirm } = emailConfirmationAffordances;
  const tokenOf = (req: Request) => String(req.params.token);
  return [
    on(view, async (req, res) => {
      const token = tokenOf(req);
      const pending = await orExplainInHtml(req, res, () => changes.pending(token), explained(req));
      if (!pending) return;
      const ctx = renderContext(req);
      const change = { username: pending.username, email: pending.newEmail };
      if (wantsHtml(req)) {
        return sendHtml(res, emailConfirmationPage(change.username, change.email, ctx.uris.of(emailConfirmationPaths.confirmation, { token })));
      }
      sendResource(req, res, new EmailConfirmationResource(ctx, token, change, false));
    }),
    on(confirm, async (req, res) => {
      const token = tokenOf(req);
      const done = await orExplainInHtml(req, res, () => changes.confirm(token), explained(req));
      if (!done) return;
      const ctx = renderContext(req);
      if (wantsHtml(req)) return sendHtml(res, emailConfirmedPage(done.username, done.email, ctx.uris.root()));
      sendResource(req, res, new EmailConfirmationResource(ctx, token, done, true));
    }),
  ];
}
