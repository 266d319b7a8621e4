// @ts-check
/**
 * Links: followed in-page (history.pushState) when they are this API's, ordinary anchors when
 * they lead elsewhere; the developer view's table of every relation, the person's list of places
 * to go (titles, no relations), templated links as small forms.
 */
import { h, shortUrl } from './explorer-dom.js';
import { humanize } from './explorer-format.js';
import { isLocal, safeUrl } from './explorer-http.js';
import { templatedLinkForm } from './explorer-query-form.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').HalLink} HalLink */
/** @typedef {import('./explorer-types').HalResource} HalResource */

/**
 * @param {unknown} value
 * @returns {HalLink[]}
 */
export const asLinks = (value) => /** @type {HalLink[]} */ ((Array.isArray(value) ? value : value ? [value] : [])
  .filter((link) => link && typeof link.href === 'string'));

/**
 * A short label for a resource: its name, title or username, else its self link's title or URI.
 * @param {HalResource | null | undefined} resource
 * @param {string} fallback
 */
export function labelOf(resource, fallback) {
  for (const key of ['name', 'title', 'username']) {
    const value = resource?.[key];
    if (typeof value === 'string' && value) return value;
  }
  const self = asLinks(resource?._links?.self)[0];
  return self ? (self.title ?? shortUrl(self.href)) : fallback;
}

/** Whether following the link in-page makes sense (same origin, a HAL/JSON or unknown type). @param {HalLink} link */
const inPage = (link) => isLocal(link.href) && !(link.type && !/json/i.test(link.type));

/**
 * An anchor that a plain click follows in-page; modified clicks keep the browser's behaviour.
 * @param {App} app @param {HalLink} link @param {string} text @param {string} [className]
 */
export function followAnchor(app, link, text, className = 'follow') {
  const href = safeUrl(link.href);
  if (!href) return h('span', { class: className, text });
  const anchor = h('a', { href, class: className, text });
  if (!inPage(link)) return anchor;
  anchor.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    app.navigate(link.href);
  });
  return anchor;
}

/**
 * A button to a form elsewhere on the page (not an #anchor: a fragment navigation would pop the history state).
 * @param {{ id: string, text: string }} target
 */
function jumpTo({ id, text }) {
  const button = h('button', { type: 'button', class: 'link-button jump', text });
  button.addEventListener('click', () => {
    const form = document.getElementById(id);
    const folded = form?.closest('details');
    if (folded) folded.open = true;
    const first = /** @type {HTMLElement | null | undefined} */ (form?.querySelector('input, select, textarea, button'));
    first?.scrollIntoView({ block: 'center' });
    first?.focus();
  });
  return button;
}

/**
 * @typedef {Record<string, (link: HalLink) => { id: string, text: string } | null>} ShownForms
 * rel → a form for it that the page shows elsewhere (a collection's search, edit-media's upload)
 */

/** @param {App} app @param {string} rel @param {HalLink} link @param {{ id: string, text: string } | null | undefined} shown */
function linkCell(app, rel, link, shown) {
  if (shown || link.templated) {
    return h('td', {},
      h('div', { class: 'link-title', text: link.title ?? rel }),
      h('code', { class: 'href', text: link.href }),
      shown ? jumpTo(shown) : templatedLinkForm(app, link));
  }
  return h('td', {},
    followAnchor(app, link, link.title ?? shortUrl(safeUrl(link.href) ?? link.href)),
    link.type ? h('span', { class: 'link-type', text: ` (${link.type})` }) : null,
    h('code', { class: 'href', text: link.href }));
}

/**
 * The developer view: a table of every link relation and its links (`curies` are left out).
 * @param {App} app @param {Record<string, unknown>} links @param {ShownForms} [shownForms]
 */
export function linksTable(app, links, shownForms = {}) {
  const rows = Object.entries(links)
    .filter(([rel]) => rel !== 'curies')
    .flatMap(([rel, value]) => asLinks(value).map((link) => h('tr', { 'data-rel': rel },
      h('th', { scope: 'row' }, h('code', { text: rel })), linkCell(app, rel, link, shownForms[rel]?.(link)))));
  return rows.length ? h('table', { class: 'links' }, h('tbody', {}, rows)) : null;
}

/**
 * The person's view: where one can go from here, by title; templated links as small forms.
 * `skip` names the relations the page shows otherwise (pictures, paging, a search form…).
 * @param {App} app @param {Record<string, unknown>} links @param {Set<string>} skip
 */
export function linksList(app, links, skip) {
  const items = Object.entries(links)
    .filter(([rel]) => !skip.has(rel) && rel !== 'self' && rel !== 'curies')
    .flatMap(([rel, value]) => asLinks(value).filter((link) => link.type !== 'text/html').map((link) => h('li', { 'data-rel': rel },
      link.templated ? h('div', { class: 'link-form' }, h('p', { class: 'link-form-title', text: link.title ?? humanize(rel) }),
        templatedLinkForm(app, link, { label: 'Go' }))
        : followAnchor(app, link, rel === 'author' && link.title ? `By ${link.title}` : link.title ?? humanize(rel), 'follow place'))));
  return items.length ? h('ul', { class: 'places' }, items) : null;
}
