/**
 * A collection (API.md §6) shown as results: how many, the search form prefilled with the
 * page's query, visibility presets on one's own list, first/previous/next/last buttons from
 * the collection's links, and its items as cards.
 */
import { card } from './explorer-cards.js';
import { h } from './explorer-dom.js';
import { safeUrl } from './explorer-http.js';
import { asLinks, followAnchor } from './explorer-links.js';
import { templatedLinkForm } from './explorer-query-form.js';
import { querySchemaHref, samePath, schemaNow } from './explorer-schemas.js';
import { expandTemplate, templateVariables } from './explorer-uri-template.js';

/** The id of the search form on a results page (the links table points to it). */
export const SEARCH_FORM_ID = 'results-search';

const PAGER = [['first', 'First page'], ['prev', 'Previous page'], ['next', 'Next page'], ['last', 'Last page']];

export function isCollection(resource) {
  return Array.isArray(resource?._embedded?.item) && typeof resource.page === 'number';
}

export const searchLinkOf = (resource) => asLinks(resource?._links?.search).find((link) => link.templated);

/** A link to another page as a button; the page on screen (or a missing prev/next) as a disabled one. */
function pagerButton(app, rel, fallback, links) {
  const link = asLinks(links[rel])[0];
  const self = asLinks(links.self)[0];
  const text = link?.title ?? fallback;
  if (!link || (self && safeUrl(link.href) === safeUrl(self.href))) {
    return h('span', { class: `pager-button pager-${rel}`, 'aria-disabled': 'true', 'data-rel': rel, text });
  }
  const anchor = followAnchor(app, link, text, `pager-button pager-${rel}`);
  anchor.dataset.rel = rel;
  return anchor;
}

/** Paging buttons; none for a collection that fits on the one page shown. */
function pager(app, resource, where) {
  const links = resource._links ?? {};
  if (resource.page === 1 && resource.pages === 1) return null;
  const position = typeof resource.pages === 'number' ? `Page ${resource.page} of ${resource.pages}` : `Page ${resource.page}`;
  return h('nav', { class: `pager pager-${where}`, 'aria-label': `Pages (${where})` },
    PAGER.map(([rel, fallback]) => pagerButton(app, rel, fallback, links)),
    h('span', { class: 'pager-position', text: position }));
}

/**
 * On one's own list (the path of `me`'s recipes), the `visibility` values of the query schema
 * as one-click presets; the others of the page's query are kept, the page starts over.
 */
function visibilityPresets(app, search) {
  const own = app.me?.recipes;
  if (!search || !own || !samePath(search.href, own) || !templateVariables(search.href).includes('visibility')) return null;
  const property = schemaNow(querySchemaHref(search.href, search.profile))?.properties?.visibility;
  if (!Array.isArray(property?.enum)) return null;
  const query = Object.fromEntries(new URL(location.href).searchParams);
  delete query.page;
  const current = query.visibility ?? property.default;
  return h('nav', { class: 'presets', 'aria-label': property.title ?? 'visibility' },
    h('span', { class: 'presets-label', text: 'Show:' }),
    property.enum.map(String).map((value) => {
      const anchor = followAnchor(app, { href: expandTemplate(search.href, { ...query, visibility: value }) },
        value.charAt(0).toUpperCase() + value.slice(1), 'preset');
      anchor.dataset.visibility = value;
      if (value === current) anchor.setAttribute('aria-current', 'page');
      return anchor;
    }));
}

/**
 * The search form, folded on a phone (the results come first there) and open on a wider
 * screen; folded, its toggle says what the page's query is.
 */
function searchDetails(app, search) {
  const query = [...new URL(location.href).searchParams].filter(([name]) => name !== 'page')
    .map(([name, value]) => (name === 'q' ? `“${value}”` : `${name} ${value}`));
  const details = h('details', { class: 'search-details', open: matchMedia('(min-width: 40rem)').matches },
    h('summary', {}, h('span', { class: 'search-toggle', text: search.title ?? 'Search' }),
      query.length ? h('span', { class: 'search-current', text: ` · ${query.join(' · ')}` }) : null),
    templatedLinkForm(app, search, { label: 'Search', id: SEARCH_FORM_ID }));
  return details;
}

function summary(resource, count) {
  const total = typeof resource.total === 'number' ? resource.total : count;
  const shown = count === 0 ? '' : ` · showing ${count}`;
  return h('p', { class: 'results-summary', text: `${total} ${total === 1 ? 'result' : 'results'}${shown}` });
}

/** `renderItem(item)` renders an item's full representation (inside its card, on request). */
export function resultsPanel(app, resource, renderItem) {
  const items = resource._embedded.item.filter((item) => item && typeof item === 'object');
  const search = searchLinkOf(resource);
  const pastEnd = typeof resource.pages === 'number' && resource.page > resource.pages;
  return h('section', { class: 'panel results-panel', 'aria-labelledby': 'results-heading' },
    h('h2', { id: 'results-heading', text: 'Results' }),
    summary(resource, items.length),
    search ? searchDetails(app, search) : null,
    visibilityPresets(app, search),
    pager(app, resource, 'top'),
    items.length ? h('ul', { class: 'cards' }, items.map((item) => card(app, item, renderItem)))
      : h('p', { class: 'results-empty', text: pastEnd ? 'This page is past the last one.' : 'Nothing here yet.' }),
    items.length > 5 ? pager(app, resource, 'bottom') : null);
}
