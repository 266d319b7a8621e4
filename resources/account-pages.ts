import { escapeHtml as escape } from '../src/core/html.ts';
import { resetPasswordSchema } from '../schemas/account-changes.schema.ts';
import { htmlPage } from './html-page.ts';

/**
 * The HTML faces of `/password-reset/{token}` and `/email-confirmation/{token}` for people in a
 * browser (API.md §9): plain forms that POST back to the same URI (no script), and the outcome in words.
 */

const { minLength, maxLength } = resetPasswordSchema.properties.password;

/** Shown by GET (which changes nothing), and again with `error` when the password was refused. */
export function resetPasswordPage(username: string, action: string, error?: string): string {
  return htmlPage('Choose a new password', `<p>Choose a new password for <strong>${escape(username)}</strong>: `
    + `${minLength}–${maxLength} characters; a phrase of several words is easy to remember and hard to guess.</p>`
    + (error ? `<p class="error" role="alert">${escape(error)}</p>` : '')
    + `<form method="post" action="${escape(action)}">`
    + `<input type="text" value="${escape(username)}" autocomplete="username" hidden readonly>`
    + '<label for="password">New password</label>'
    + `<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${minLength}" maxlength="${maxLength}">`
    + '<p><button type="submit">Set the new password</button></p></form>', 'password-reset');
}

export function passwordResetDonePage(username: string, home: string): string {
  return htmlPage('Your password was changed', `<p>The password of <strong>${escape(username)}</strong> is changed, and every device that `
    + 'was logged in has been logged out. Log in with the new password.</p>'
    + `<p><a href="${escape(home)}">Go to Smilecook</a></p>`, 'password-reset');
}

/** Shown instead of a problem document when a browser opens a reset link that cannot be used. */
export function resetFailedPage(gone: boolean, explorer: string): string {
  const what = gone
    ? 'This password reset link was already used, was replaced by a newer one, or has expired (links work once, for 1 hour).'
    : 'This password reset link is not one we sent: check that you copied the whole address from the email.';
  return htmlPage('This link cannot reset a password', `<p>${escape(what)}</p>`
    + '<p>Ask for a new link with <strong>Forgot your password?</strong> '
    + `in the <a href="${escape(explorer)}">Smilecook explorer</a>.</p>`, 'password-reset');
}

export function emailConfirmationPage(username: string, email: string, action: string): string {
  return htmlPage('Confirm your new email address', `<p>Make <strong>${escape(email)}</strong> the email address of the Smilecook `
    + `account <strong>${escape(username)}</strong>?</p>`
    + `<form method="post" action="${escape(action)}"><button type="submit">Confirm the new address</button></form>`, 'email-confirmation');
}

export function emailConfirmedPage(username: string, email: string, home: string): string {
  return htmlPage('Your email address was changed', `<p>The account <strong>${escape(username)}</strong> now uses `
    + `<strong>${escape(email)}</strong>. A notice went to the old address.</p><p><a href="${escape(home)}">Go to Smilecook</a></p>`,
  'email-confirmation');
}

/** A confirmation link that cannot be used (unknown, gone) or an address taken meanwhile. */
export function confirmationFailedPage(reason: 'unknown' | 'gone' | 'taken', explorer: string): string {
  const what = {
    unknown: 'This confirmation link is not one we sent: check that you copied the whole address from the email.',
    gone: 'This confirmation link was already used, was replaced by a newer change, or has expired (links work once, for 24 hours).',
    taken: 'Another account has taken this email address meanwhile, so the account keeps its old address.',
  }[reason];
  return htmlPage('This link cannot change an email address', `<p>${escape(what)}</p>`
    + `<p>You can ask for the change again with <strong>Change your email address</strong> in the <a href="${escape(explorer)}">Smilecook explorer</a>.</p>`,
  'email-confirmation');
}
