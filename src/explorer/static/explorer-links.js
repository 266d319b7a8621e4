/**
 * The links table: plain links are followed in-page (history.pushState), templated ones get a
 * small form, links to other media types or origins are ordinary anchors.
 */
import { h, shortUrl } from './explorer-dom.js';
import { isLocal, safeUrl } from './explorer-http.js';
import { templatedLinkForm } from './explorer-query-form.js';

export const asLinks = (value) => (Array.isArray(value) ? value : value ? [value] : [])
  .filter((link) => link && typeof link.href === 'string');

/** A short label for a resource: its name, title or username, else its self link's title or URI. */
export function labelOf(resource, fallback) {
  for (const key of ['name', 'title', 'username']) {
    if (typeof resource?.[key] === 'string' && resource[key]) return resource[key];
  }
  const self = asLinks(resource?._links?.self)[0];
  return self ? (self.title ?? shortUrl(self.href)) : fallback;
}

/** Whether following the link in-page makes sense (same origin, a HAL/JSON or unknown type). */
const inPage = (link) => isLocal(link.href) && !(link.type && !/json/i.test(link.type));

/** An anchor that a plain click follows in-page; modified clicks keep the browser's behaviour. */
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

/** A button to a form elsewhere on the page (not an #anchor: a fragment navigation would pop the history state). */
function jumpTo({ id, text }) {
  const button = h('button', { type: 'button', class: 'link-button jump', text });
  button.addEventListener('click', () => {
    const form = document.getElementById(id);
    const folded = form?.closest('details');
    if (folded) folded.open = true;
    const first = form?.querySelector('input, select, textarea, button');
    first?.scrollIntoView({ block: 'center' });
    first?.focus();
  });
  return button;
}

/** A link: followed in-page, a templated one as its form, or (`shown`) a pointer to the form the page shows for it. */
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
 * A table of every link relation and its links (`curies` are left out). `shownForms` maps a
 * rel to `{ id, text }` of a form for it that the page shows elsewhere (a collection's
 * search, the upload form of `edit-media`, which a plain GET would only answer with the image).
 */
export function linksTable(app, links, shownForms = {}) {
  const rows = Object.entries(links)
    .filter(([rel]) => rel !== 'curies')
    .flatMap(([rel, value]) => asLinks(value).map((link) =>
      h('tr', { 'data-rel': rel }, h('th', { scope: 'row' }, h('code', { text: rel })), linkCell(app, rel, link, shownForms[rel]?.(link)))));
  return rows.length ? h('table', { class: 'links' }, h('tbody', {}, rows)) : null;
}
