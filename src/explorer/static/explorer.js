// @ts-check
/**
 * Smilecook explorer: renders the HAL/HAL-FORMS resource at the page's own URL (the entry point
 * at /explorer) — a browser gets this page for any URL of the API (API.md §9) —, follows links
 * in-page with history.pushState, submits templates. People's words by default; the developer
 * view (remembered per browser) shows the HTTP.
 */
import { handleResult } from './explorer-actions.js';
import { byId, h, show, shortUrl } from './explorer-dom.js';
import { request, safeUrl, setTokenRefresher } from './explorer-http.js';
import { asLinks } from './explorer-links.js';
import { renderPage, titleOf } from './explorer-page.js';
import { isCollection } from './explorer-results.js';
import { loadSession, openLogin, refreshTokens, rootUrl } from './explorer-session.js';
import { headerSearch, watchHeaderHeight } from './explorer-header.js';
import { isDeveloperView, rememberDeveloperView } from './explorer-view.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').HalResource} HalResource */

const main = byId('app');
const notice = byId('notice');
const address = /** @type {HTMLFormElement} */ (byId('address'));
const addressField = /** @type {HTMLInputElement} */ (byId('address-uri'));
const LAST_LIST = 'smilecook.explorer.last-list';
let sequence = 0;
let firstLoad = true;

/** The resource this page shows: its own URL, or the entry point when this is the entry point's `explorer` link. */
function pageResourceUrl() {
  const explorer = asLinks(app.root?._links?.explorer)[0];
  const home = explorer && safeUrl(explorer.href);
  if (home && new URL(home).pathname.replace(/\/+$/, '') === location.pathname.replace(/\/+$/, '')) return rootUrl();
  return location.origin + location.pathname + location.search;
}

/** After a load: the form the URL's fragment names (`#create`), else (in-page) the heading. */
function placeFocus() {
  const name = decodeURIComponent(location.hash.slice(1));
  const form = name ? document.getElementById(`template-${name}`) : null;
  if (form) {
    const folded = form.closest('details');
    if (folded) folded.open = true;
    const first = /** @type {HTMLElement | null} */ (form.querySelector('input:not([type=hidden]), select, textarea, button'));
    first?.focus({ preventScroll: true });
    return form.scrollIntoView({ block: 'start' });
  }
  if (!firstLoad) main.querySelector('h1')?.focus({ preventScroll: true });
}

/** @param {string} url */
async function load(url) {
  const mine = ++sequence;
  main.setAttribute('aria-busy', 'true');
  addressField.value = shortUrl(url);
  let res;
  try {
    res = await request(url);
  } catch (error) {
    if (mine === sequence) {
      main.removeAttribute('aria-busy');
      show(main, h('h1', { tabindex: '-1', text: 'This page could not be loaded' }),
        h('p', { class: 'status status-error', role: 'alert', text: `${/** @type {Error} */ (error).message}. Check your connection and reload the page.` }));
    }
    return;
  }
  if (mine !== sequence) return;
  main.removeAttribute('aria-busy');
  const body = /** @type {HalResource | null} */ (res.body && typeof res.body === 'object' && !Array.isArray(res.body) ? res.body : null);
  const self = asLinks(body?._links?.self)[0];
  app.current = { url, res, selfUrl: (self && safeUrl(self.href)) ?? url, etag: res.headers.get('ETag') };
  if (res.ok && isCollection(body)) sessionStorage.setItem(LAST_LIST, url);
  app.rerender();
  placeFocus();
  firstLoad = false;
}

/** @type {App} */
const app = {
  current: null,
  me: null,
  root: null,
  developer: isDeveloperView(),
  currentUrl: () => app.current?.url ?? pageResourceUrl(),

  /** Follows an href in-page: the URL bar shows the resource (pushState). */
  async navigate(href, { keepNotice = false } = {}) {
    const url = safeUrl(href);
    if (!url) return app.setNotice(h('p', { class: 'status status-error', role: 'alert', text: `This is not a web address: ${href}` }));
    if (new URL(url).origin !== location.origin) return void location.assign(url);
    if (!keepNotice) show(notice);
    if (url !== location.href) history.pushState(null, '', url);
    window.scrollTo(0, 0);
    await load(url.replace(/#.*$/, ''));
  },
  reload: () => load(pageResourceUrl()),
  rerender() {
    if (!app.current) return;
    show(main, renderPage(app, app.current.res));
    document.title = titleOf(main.querySelector('h1')?.textContent ?? '');
  },
  refreshSession: () => loadSession(app).then(() => headerSearch(app)).catch((error) => console.warn('session', error)),
  setNotice(element) {
    if (!element) return show(notice);
    const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss', text: '×' });
    close.addEventListener('click', () => show(notice));
    show(notice, h('div', { class: 'notice-body' }, close, element));
  },
  /** If-Match with the ETag we showed, when a write targets the resource on screen. */
  preconditionFor(target, method) {
    const { current } = app;
    /** @type {Record<string, string>} */
    const headers = {};
    if (method !== 'POST' && current?.etag && safeUrl(target) === current.selfUrl) headers['If-Match'] = current.etag;
    return headers;
  },
  collectionHref: () => asLinks(/** @type {HalResource | null} */ (app.current?.res.body)?._links?.collection)[0]?.href,
  lastList: () => sessionStorage.getItem(LAST_LIST),
  handleResult: (res, context) => handleResult(app, res, context),
  openLogin,
};

const toggle = byId('view-toggle');
/** @param {boolean} on */
function applyView(on) {
  app.developer = on;
  toggle.setAttribute('aria-pressed', String(on));
  address.hidden = !on;
  document.body.classList.toggle('developer', on);
}
toggle.addEventListener('click', () => {
  rememberDeveloperView(!app.developer);
  applyView(!app.developer);
  app.rerender();
});
applyView(app.developer);

byId('skip-link').addEventListener('click', (event) => {
  event.preventDefault(); // a fragment navigation would pop the history state
  main.querySelector('h1')?.focus();
});
setTokenRefresher(refreshTokens, () => app.refreshSession());
window.addEventListener('popstate', () => {
  show(notice);
  app.reload();
});
address.addEventListener('submit', (event) => {
  event.preventDefault();
  const uri = addressField.value.trim();
  if (uri) app.navigate(uri);
});
watchHeaderHeight();
await app.refreshSession();
await app.reload();
