/**
 * The links table: plain links are followed in-page (history.pushState), templated ones get a
 * small form, links to other media types or origins are ordinary anchors.
 */
import { h, shortUrl } from './explorer-dom.js';
import { templatedLinkForm } from './explorer-forms.js';
import { isLocal, safeUrl } from './explorer-http.js';
import { expandTemplate, templateVariables } from './explorer-uri-template.js';

export const asLinks = (value) => (Array.isArray(value) ? value : value ? [value] : [])
  .filter((link) => link && typeof link.href === 'string');

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

function linkCell(app, rel, link) {
  if (link.templated) {
    const variables = templateVariables(link.href);
    return h('td', {},
      h('div', { class: 'link-title', text: link.title ?? rel }),
      h('code', { class: 'href', text: link.href }),
      templatedLinkForm(app, link, variables, expandTemplate));
  }
  return h('td', {},
    followAnchor(app, link, link.title ?? shortUrl(safeUrl(link.href) ?? link.href)),
    link.type ? h('span', { class: 'link-type', text: ` (${link.type})` }) : null,
    h('code', { class: 'href', text: link.href }));
}

/** A table of every link relation and its links (`curies` are left out). */
export function linksTable(app, links) {
  const rows = Object.entries(links)
    .filter(([rel]) => rel !== 'curies')
    .flatMap(([rel, value]) => asLinks(value).map((link) =>
      h('tr', { 'data-rel': rel }, h('th', { scope: 'row' }, h('code', { text: rel })), linkCell(app, rel, link))));
  return rows.length ? h('table', { class: 'links' }, h('tbody', {}, rows)) : null;
}
