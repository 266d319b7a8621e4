/**
 * Smilecook API explorer: renders the HAL/HAL-FORMS resource at the page's own URL (the
 * entry point at /explorer), follows links in-page with history.pushState, submits templates.
 */
import { h, shortUrl, show } from './explorer-dom.js';
import { handleResult } from './explorer-actions.js';
import { request, safeUrl, setTokenRefresher } from './explorer-http.js';
import { asLinks } from './explorer-links.js';
import { labelOf, renderResource } from './explorer-resource.js';
import { headersTable, problemDetails, rawBody, statusLine } from './explorer-response.js';
import { loadSession, refreshTokens, rootUrl } from './explorer-session.js';

const main = document.getElementById('app');
const notice = document.getElementById('notice');
const address = document.getElementById('address');
let sequence = 0;

/** The resource this page shows: its own URL, or the entry point when it is /explorer. */
function pageResourceUrl() {
  if (/^\/explorer\/?$/.test(location.pathname)) return rootUrl();
  return location.origin + location.pathname + location.search;
}

function isResource(body) {
  return body !== null && typeof body === 'object' && !Array.isArray(body);
}

function renderPage(res) {
  const body = !res.problem && isResource(res.body) ? res.body : null;
  const image = res.ok && res.type.startsWith('image/');
  return [
    h('h1', { tabindex: '-1', text: body ? labelOf(body, shortUrl(res.url)) : shortUrl(res.url) }),
    h('section', { class: 'panel exchange-panel' }, statusLine(res), headersTable(res)),
    res.problem ? h('section', { class: 'panel problem-panel' }, problemDetails(res.problem)) : null,
    body ? renderResource(app, body) : null,
    image ? h('img', { class: 'image-body', src: res.url, alt: `Image at ${shortUrl(res.url)}` }) : null,
    !body && !res.problem && !image && res.text ? h('pre', { class: 'text-body', text: res.text }) : null,
    rawBody(res),
  ];
}

async function load(url) {
  const mine = ++sequence;
  main.setAttribute('aria-busy', 'true');
  address.elements.namedItem('uri').value = shortUrl(url);
  let res;
  try {
    res = await request(url);
  } catch (error) {
    if (mine === sequence) show(main, h('p', { class: 'status status-error', role: 'alert', text: `Could not load ${shortUrl(url)}: ${error.message}` }));
    return;
  } finally {
    if (mine === sequence) main.removeAttribute('aria-busy');
  }
  if (mine !== sequence) return;
  const self = isResource(res.body) ? asLinks(res.body._links?.self)[0] : undefined;
  app.current = { url, res, selfUrl: (self && safeUrl(self.href)) ?? url, etag: res.headers.get('ETag') };
  show(main, renderPage(res));
  document.title = `${main.querySelector('h1')?.textContent ?? 'Resource'} · Smilecook explorer`;
  main.querySelector('h1')?.focus({ preventScroll: true });
}

const app = {
  current: null,
  currentUrl: () => app.current?.url ?? pageResourceUrl(),

  /** Follows an href in-page: the URL bar shows the resource (pushState). */
  async navigate(href, { keepNotice = false } = {}) {
    const url = safeUrl(href);
    if (!url) return void show(notice, h('p', { class: 'status status-error', role: 'alert', text: `Not an http(s) URI: ${href}` }));
    if (new URL(url).origin !== location.origin) return void location.assign(url);
    if (!keepNotice) show(notice);
    if (url !== location.href) history.pushState(null, '', url);
    window.scrollTo(0, 0);
    await load(url);
  },
  reload: () => load(pageResourceUrl()),
  refreshSession: () => loadSession(app).catch((error) => console.warn('session', error)),
  setNotice(element) {
    const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss', text: '×' });
    close.addEventListener('click', () => show(notice));
    show(notice, h('div', { class: 'notice-body' }, close, element));
  },
  /** If-Match with the ETag we showed, when a write targets the resource on screen. */
  preconditionFor(target, method) {
    const { current } = app;
    if (method === 'POST' || !current?.etag || safeUrl(target) !== current.selfUrl) return {};
    return { 'If-Match': current.etag };
  },
  collectionHref: () => asLinks(app.current?.res.body?._links?.collection)[0]?.href,
  handleResult: (res, context) => handleResult(app, res, context),
};

setTokenRefresher(refreshTokens, () => app.refreshSession());
window.addEventListener('popstate', () => {
  show(notice);
  app.reload();
});
address.addEventListener('submit', (event) => {
  event.preventDefault();
  const uri = address.elements.namedItem('uri').value.trim();
  if (uri) app.navigate(uri);
});
await app.refreshSession();
await app.reload();
