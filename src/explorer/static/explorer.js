/**
 * Smilecook API explorer: renders the HAL/HAL-FORMS resource at the page's own URL (the
 * entry point at /explorer), follows links in-page with history.pushState, submits templates.
 */
import { handleResult } from './explorer-actions.js';
import { publicationState } from './explorer-cards.js';
import { h, shortUrl, show } from './explorer-dom.js';
import { request, safeUrl, setTokenRefresher } from './explorer-http.js';
import { showBlob } from './explorer-images.js';
import { asLinks, labelOf } from './explorer-links.js';
import { queryFixForm } from './explorer-query-form.js';
import { renderResource } from './explorer-resource.js';
import { headersDetails, problemDetails, rawBody, statusLine } from './explorer-response.js';
import { loadSchema, profileHref, querySchemaHref, schemaNow } from './explorer-schemas.js';
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

/** The schemas the page's forms are built from: its profile (templates), its templated links' query schemas, and a bad query's. */
function schemasFor(res) {
  const body = isResource(res.body) ? res.body : null;
  const hrefs = body?._templates && Object.keys(body._templates).length ? [profileHref(res.headers)] : [];
  for (const link of Object.values(body?._links ?? {}).flatMap(asLinks)) if (link.templated) hrefs.push(querySchemaHref(link.href, link.profile));
  if (res.status === 400 && res.problem) hrefs.push(querySchemaHref(res.url));
  return Promise.all(hrefs.filter(Boolean).map(loadSchema));
}

/** A problem; after a 400 on a collection, the form to correct its query next to the errors. */
function problemPanel(res) {
  const fix = res.status === 400 ? queryFixForm(app, res.url, res.problem) : null;
  return h('section', { class: 'panel problem-panel' }, problemDetails(res.problem, fix ? fix.unplaced : undefined), fix?.form);
}

/** A resource's name (a collection's: its self title); a problem's title; else the URI. */
function heading(res, body) {
  if (body) return labelOf(body, shortUrl(res.url));
  return typeof res.problem?.title === 'string' ? res.problem.title : shortUrl(res.url);
}

function renderPage(res) {
  const body = !res.problem && isResource(res.body) ? res.body : null;
  const image = res.blob ? h('img', { class: 'image-body', alt: `Image at ${shortUrl(res.finalUrl || res.url)}` }) : null;
  return [
    h('div', { class: 'page-heading' }, h('h1', { tabindex: '-1', text: heading(res, body) }),
      publicationState(app, body)),
    h('section', { class: 'exchange-panel', 'aria-label': 'Response' }, statusLine(res), headersDetails(res)),
    res.problem ? problemPanel(res) : null,
    body ? renderResource(app, body, { schema: schemaNow(profileHref(res.headers)) }) : null,
    image ? showBlob(image, res.blob) : null,
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
    await schemasFor(res);
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
  /** The logged-in user's own links (`self`, `recipes`, `drafts`), from `me`; null when anonymous. */
  me: null,
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
