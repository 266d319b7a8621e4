// @ts-check
/**
 * People's words by default; the developer view (methods, statuses, media types, raw bodies, link
 * relations, URI templates) on request, remembered per browser.
 */
const KEY = 'smilecook.explorer.view';

export function isDeveloperView() {
  try {
    return localStorage.getItem(KEY) === 'developer';
  } catch {
    return false;
  }
}

/** @param {boolean} on */
export function rememberDeveloperView(on) {
  try {
    if (on) localStorage.setItem(KEY, 'developer');
    else localStorage.removeItem(KEY);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
