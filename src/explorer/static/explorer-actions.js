/**
 * What happens after a form submission or an upload: the response is shown (problem errors
 * next to their fields, cleared once the form succeeds), tokens are kept or forgotten, focus
 * goes where the person has to look, and on success the explorer follows Location /
 * Content-Location or reloads what it shows.
 */
import { clearFieldErrors, exchangeSummary, placeFieldErrors } from './explorer-response.js';
import { forgetTokens, rememberTokens } from './explorer-tokens.js';
import { safeUrl } from './explorer-http.js';

const sameUrl = (a, b) => safeUrl(a) !== null && safeUrl(a) === safeUrl(b);

/** After a problem: the first field it points at, else the answer under the form. */
function focusProblem(form, output) {
  const invalid = form?.querySelector('[aria-invalid="true"]');
  const status = output?.querySelector('.status');
  if (invalid) return invalid.focus();
  if (status) {
    status.setAttribute('tabindex', '-1');
    status.focus();
  }
}

export async function handleResult(app, res, { name, method, target, form, output }) {
  let unplaced = res.problem?.errors;
  if (form) unplaced = res.problem ? placeFieldErrors(form, res.problem) : clearFieldErrors(form);
  output?.replaceChildren(exchangeSummary(res, unplaced));
  if (!res.ok) {
    if (name === 'logout' && res.status === 401) {
      forgetTokens();
      await app.refreshSession();
      return app.reload();
    }
    return focusProblem(form, output);
  }
  const loggedIn = rememberTokens(res.body);
  if (name === 'logout') forgetTokens();
  app.setNotice(exchangeSummary(res));
  if (loggedIn || name === 'logout') {
    await app.refreshSession();
    return app.reload();
  }
  if (res.status === 202) {
    // Nothing to show but the message: the form is emptied (no password left behind).
    form?.reset();
    return output?.querySelector('.message')?.focus();
  }
  const next = res.headers.get('Location') ?? res.headers.get('Content-Location');
  if (next) return app.navigate(next, { keepNotice: true });
  if (method === 'DELETE' && app.current && sameUrl(target, app.current.selfUrl ?? app.current.url)) {
    return app.navigate(app.collectionHref() ?? '/', { keepNotice: true });
  }
  return app.reload();
}
