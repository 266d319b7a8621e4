/** The HTML face of `/activation/{token}` for people in a browser: one button that POSTs back. */
import { escapeHtml as escape } from '../src/core/html.ts';
import { htmlPage } from './html-page.ts';

const page = (title: string, body: string) => htmlPage(title, body, 'activation');

/** Shown by GET (which changes nothing): the button POSTs to the same URI, which activates. */
export function pendingActivationPage(username: string, action: string): string {
  return page('Activate your Smilecook account', `<p>Welcome, <strong>${escape(username)}</strong>. Confirm your email address to activate your account.</p>`
    + `<form method="post" action="${escape(action)}"><button type="submit">Activate my account</button></form>`);
}

export function activatedPage(username: string, home: string): string {
  return page('Your account is active', `<p>Thank you, <strong>${escape(username)}</strong>. You can now log in.</p>`
    + `<p><a href="${escape(home)}">Go to Smilecook</a></p>`);
}

/** Shown instead of a problem document when a browser opens a link that cannot activate anything. */
export function activationFailedPage(gone: boolean, explorer: string): string {
  const what = gone
    ? 'This activation link was already used, was replaced by a newer one, or has expired (links work once, for 24 hours).'
    : 'This activation link is not one we sent: check that you copied the whole address from the email.';
  return page('This link cannot activate an account', `<p>${escape(what)}</p>`
    + '<p>If your account is not active yet, ask for a new link with <strong>Send the activation email again</strong> '
    + `in the <a href="${escape(explorer)}">Smilecook explorer</a>. If you already activated it, just log in.</p>`);
}
