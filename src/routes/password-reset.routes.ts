import type { Request, Response } from 'express';
import { passwordResetDonePage, resetFailedPage, resetPasswordPage } from '../../resources/account-pages.ts';
import { passwordResetAffordances, passwordResetPaths } from '../../resources/password-reset.affordances.ts';
import { PasswordResetResource } from '../../resources/password-reset.resource.ts';
import { type AppError } from '../core/app-error.ts';
import { renderContext } from '../http/context.ts';
import { isForm, readForm } from '../http/form-body.ts';
import { sendAccepted, sendResource } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody, validBody } from '../http/validation.ts';
import type { PasswordResetService } from '../users/password-reset.service.ts';
import { orExplainInHtml, sendHtml, wantsHtml } from './html-answers.ts';

/** A browser that opens an unknown, used or expired link gets a page that says so and what to do (404 or 410). */
function explained(req: Request): (error: AppError) => string | undefined {
  return (error) => (error.slug === 'not-found' || error.slug === 'password-reset-gone'
    ? resetFailedPage(error.slug === 'password-reset-gone', renderContext(req).uris.explorer())
    : undefined);
}

/** The new password, from JSON (HAL clients) or from the reset page's plain HTML form (a browser). */
async function newPassword(req: Request, res: Response): Promise<string> {
  const { reset } = passwordResetAffordances;
  return (isForm(req) ? validBody(await readForm(req, res), reset.body) : parseBody(req, reset.body)).password;
}

/** Forgot password → reset (API.md §3): the request (always 202), and the emailed link: GET shows it, POST resets. */
export function passwordResetRoutes(resets: PasswordResetService): Route[] {
  const { forgot, view, reset } = passwordResetAffordances;
  const tokenOf = (req: Request) => String(req.params.token);
  return [
    on(forgot, async (req, res) => {
      await resets.forgot(parseBody(req, forgot.body).email);
      sendAccepted(req, res, 'If an account has this email address, a link to choose a new password is on its way. It works for 1 hour.');
    }),
    on(view, async (req, res) => {
      const token = tokenOf(req);
      const pending = await orExplainInHtml(req, res, () => resets.pending(token), explained(req));
      if (!pending) return;
      const ctx = renderContext(req);
      if (wantsHtml(req)) return sendHtml(res, resetPasswordPage(pending.username, ctx.uris.of(passwordResetPaths.reset, { token })));
      sendResource(req, res, new PasswordResetResource(ctx, token, pending.username, false));
    }),
    on(reset, async (req, res) => {
      const token = tokenOf(req);
      const ctx = renderContext(req);
      const action = ctx.uris.of(passwordResetPaths.reset, { token });
      // A refused password shows the form again, saying why (the account's name is the link's).
      const explain = async (error: AppError) => (error.slug === 'validation-failed'
        ? resetPasswordPage((await resets.pending(token)).username, action, error.detail)
        : explained(req)(error));
      const done = await orExplainInHtml(req, res, async () => resets.reset(token, await newPassword(req, res)), explain);
      if (!done) return;
      if (wantsHtml(req)) return sendHtml(res, passwordResetDonePage(done.username, ctx.uris.root()));
      sendResource(req, res, new PasswordResetResource(ctx, token, done.username, true));
    }),
  ];
}
