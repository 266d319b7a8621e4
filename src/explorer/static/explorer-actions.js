/**
 * What happens after a form submission or an upload: the response is shown (problem errors
 * next to their fields), tokens are kept or forgotten, and on success the explorer follows
 * Location / Content-Location or reloads what it shows.
 */
import { exchangeSummary, placeFieldErrors } from './explorer-response.js';
import { forgetTokens, rememberTokens } from './explorer-tokens.js';
import { safeUrl } from './explorer-http.js';

const sameUrl = (a, b) => safeUrl(a) !== null && safeUrl(a) === safeUrl(b);

export async function handleResult(app, res, { name, method, target, form, output }) {
  const unplaced = form && res.problem ? placeFieldErrors(form, res.problem) : res.problem?.errors;
  output?.replaceChildren(exchangeSummary(res, unplaced));
  if (!res.ok) {
    if (name === 'logout' && res.status === 401) {
      forgetTokens();
      await app.refreshSession();
    }
    return;
  }
  const loggedIn = rememberTokens(res.body);
  if (name === 'logout') forgetTokens();
  app.setNotice(exchangeSummary(res));
  if (loggedIn || name === 'logout') {
    await app.refreshSession();
    return app.reload();
  }
  const next = res.headers.get('Location') ?? res.headers.get('Content-Location');
  if (next) return app.navigate(next, { keepNotice: true });
  if (method === 'DELETE' && app.current && sameUrl(target, app.current.selfUrl ?? app.current.url)) {
    return app.navigate(app.collectionHref() ?? '/', { keepNotice: true });
  }
  if (res.status !== 202) return app.reload();
}
