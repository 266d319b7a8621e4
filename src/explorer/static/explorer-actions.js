// @ts-check
/**
 * What happens after a form submission or an upload: errors go under their fields (by their
 * labels) and a sentence says what went wrong; a success is said in words ("“Pea soup” deleted.")
 * at the top of the page; tokens are kept or forgotten; focus goes where the person has to look;
 * then the explorer follows Location / Content-Location, goes back to the list after a delete, or
 * reloads what it shows. The developer view adds the status line, headers and raw body.
 */
import { h } from './explorer-dom.js';
import { statusWords, successWords } from './explorer-format.js';
import { safeUrl } from './explorer-http.js';
import { labelOf } from './explorer-links.js';
import { clearFieldErrors, headersDetails, placeFieldErrors, problemDetails, rawBody, statusLine } from './explorer-response.js';
import { doneWords, publicationMessage } from './explorer-smilecook.js';
import { rootUrl } from './explorer-session.js';
import { forgetTokens, rememberTokens } from './explorer-tokens.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').Res} Res */
/** @typedef {import('./explorer-types').SubmitContext} SubmitContext */
/** @typedef {import('./explorer-types').HalResource} HalResource */

/** @param {string} a @param {string | undefined} b */
const sameUrl = (a, b) => safeUrl(a) !== null && safeUrl(a) === safeUrl(b);

/** The developer view's account of an exchange. @param {Res} res @param {import('./explorer-types').FieldError[]} [unplaced] */
export function exchangeDetails(res, unplaced) {
  return h('div', { class: `exchange ${res.ok ? 'exchange-ok' : 'exchange-error'}` },
    statusLine(res), res.problem ? problemDetails(res.problem, unplaced) : null, headersDetails(res), rawBody(res));
}

/**
 * A message in words, with the developer view's details under it.
 * @param {App} app @param {Res} res @param {string} text @param {string | null} [hint] @param {import('./explorer-types').FieldError[]} [unplaced]
 */
function message(app, res, text, hint = null, unplaced = undefined) {
  return h('div', { class: `message ${res.ok ? 'message-ok' : 'message-error'}`, tabindex: '-1', role: res.ok ? 'status' : 'alert' },
    h('p', { class: 'message-text', text }), hint ? h('p', { class: 'message-hint', text: hint }) : null,
    unplaced?.length ? h('ul', { class: 'message-errors' }, unplaced.map((e) => h('li', { text: String(e.detail ?? '') }))) : null,
    app.developer ? exchangeDetails(res, unplaced) : null);
}

/** A 202 Accepted (register, resend-activation) as the message it is. @param {Res} res */
function acceptedHint(res) {
  const detail = /** @type {{ detail?: unknown }} */ (res.body ?? {}).detail;
  return typeof detail === 'string' && /mail/i.test(detail) ? 'Trying it out locally? When the server has no mail server, '
    + 'the email is a file in the server\'s outbox folder (data/outbox by default).' : null;
}

/** @param {HTMLFormElement | undefined} form @param {HTMLElement | undefined} output */
function focusProblem(form, output) {
  const invalid = /** @type {HTMLElement | null | undefined} */ (form?.querySelector('[aria-invalid="true"]'));
  if (invalid) return invalid.focus();
  /** @type {HTMLElement | null | undefined} */ (output?.querySelector('.message'))?.focus();
}

/** @param {App} app @param {Res} res @param {SubmitContext} context */
export async function handleResult(app, res, { name, title, method, target, form, output }) {
  if (!res.ok) {
    const unplaced = form && res.problem ? placeFieldErrors(form, res.problem) : res.problem?.errors;
    const { title: what } = statusWords(res.status);
    // When every error sits under its field, the sentence only says so; the server's detail is for the others.
    const allPlaced = Boolean(res.problem?.errors?.length) && !unplaced?.length;
    const detail = allPlaced ? '' : res.problem?.detail ?? '';
    output?.replaceChildren(message(app, res, `${what}. ${detail}`.trim(), null, unplaced));
    if (name === 'logout' && res.status === 401) {
      forgetTokens();
      await app.refreshSession();
      return app.reload();
    }
    return focusProblem(form, output);
  }
  if (form) clearFieldErrors(form);
  const body = /** @type {HalResource | null} */ (res.body && typeof res.body === 'object' ? res.body : null);
  const loggedIn = rememberTokens(body);
  if (name === 'logout') forgetTokens();
  if (res.status === 202) {
    const detail = /** @type {{ detail?: unknown }} */ (body ?? {}).detail;
    output?.replaceChildren(message(app, res, typeof detail === 'string' ? detail : 'Done: it is on its way.', acceptedHint(res)));
    form?.reset(); // nothing to show but the message: no password left behind
    return /** @type {HTMLElement | null | undefined} */ (output?.querySelector('.message'))?.focus();
  }
  const before = /** @type {HalResource | null} */ (app.current?.res.body ?? null);
  const onScreen = Boolean(app.current && sameUrl(target, app.current.selfUrl ?? app.current.url));
  const words = publicationMessage(before, body) ?? doneWords(name) ?? successWords({
    method, status: res.status, name, title, label: before && onScreen ? labelOf(before, '') || null : null, created: body ? labelOf(body, '') || null : null,
  });
  output?.replaceChildren();
  app.setNotice(message(app, res, words));
  if (name === 'delete-account' || name === 'logout') { // the session ended (with the account): the home page, as anybody
    forgetTokens();
    await app.refreshSession();
    return app.navigate(rootUrl(), { keepNotice: true });
  }
  if (loggedIn) {
    await app.refreshSession();
    return app.reload();
  }
  const next = res.headers.get('Location') ?? res.headers.get('Content-Location');
  if (next) return app.navigate(next, { keepNotice: true });
  if (method === 'DELETE' && onScreen) {
    return app.navigate(app.lastList() ?? app.collectionHref() ?? '/', { keepNotice: true });
  }
  return app.reload();
}
