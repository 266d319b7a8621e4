// @ts-check
/**
 * A collection (API.md §6) shown as results: how many, its `search` form prefilled with the page's
 * query (the template, else the templated `search` link), the `visibility` choices of that form
 * as one-click presets on one's own list, first/previous/next/last buttons from the collection's
 * links, and its items as cards.
 */
import { card } from './explorer-cards.js';
import { h } from './explorer-dom.js';
import { choicesOf } from './explorer-form-model.js';
import { templateForm } from './explorer-forms.js';
import { safeUrl } from './explorer-http.js';
import { asLinks, followAnchor } from './explorer-links.js';
import { templatedLinkForm } from './explorer-query-form.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').HalResource} HalResource */
/** @typedef {import('./explorer-types').HalFormsTemplate} HalFormsTemplate */

/** The id of the search form on a results page (the links table points to it). */
export const SEARCH_FORM_ID = 'results-search';

const PAGER = [['first', 'First page'], ['prev', 'Previous page'], ['next', 'Next page'], ['last', 'Last page']];

/** @param {HalResource | null | undefined} resource */
export function isCollection(resource) {
  return Array.isArray(resource?._embedded?.item) && typeof resource?.page === 'number';
}

/** @param {HalResource | null | undefined} resource */
export const searchLinkOf = (resource) => asLinks(resource?._links?.search).find((link) => link.templated);

/** The `search` GET template of a resource, when it has one. @param {HalResource | null | undefined} resource @returns {HalFormsTemplate | null} */
export function searchTemplateOf(resource) {
  const template = resource?._templates?.search;
  return template && String(template.method ?? 'GET').toUpperCase() === 'GET' ? template : null;
}

/** @param {App} app @param {string} rel @param {string} fallback @param {Record<string, unknown>} links */
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

/** Paging buttons; none for a collection that fits on the one page shown. @param {App} app @param {HalResource} resource @param {string} where */
function pager(app, resource, where) {
  const links = resource._links ?? {};
  if (resource.page === 1 && resource.pages === 1) return null;
  const position = typeof resource.pages === 'number' ? `Page ${resource.page} of ${resource.pages}` : `Page ${resource.page}`;
  return h('nav', { class: `pager pager-${where}`, 'aria-label': where === 'top' ? 'Pages' : 'Pages (bottom)' },
    PAGER.map(([rel, fallback]) => pagerButton(app, /** @type {string} */ (rel), /** @type {string} */ (fallback), links)),
    h('span', { class: 'pager-position', text: position }));
}

/**
 * On one's own list, the `visibility` choices of the search form as one-click presets (their
 * prompts as labels); the rest of the page's query is kept, the page starts over.
 * @param {App} app @param {HalFormsTemplate | null} search
 */
function visibilityPresets(app, search) {
  const own = app.me?.recipes;
  const property = search?.properties?.find((p) => p.name === 'visibility');
  const choices = property ? choicesOf(property) : undefined;
  if (!search || !own || !property || !choices || new URL(own, location.href).pathname !== location.pathname) return null;
  const query = Object.fromEntries(new URL(location.href).searchParams);
  delete query.page;
  const current = query.visibility ?? String(property.options?.selectedValues?.[0] ?? '');
  return h('nav', { class: 'presets', 'aria-label': property.prompt ?? 'Show' },
    h('span', { class: 'presets-label', text: 'Show:' }),
    choices.map(({ value, label }) => {
      const target = new URL(search.target ?? location.href, location.href);
      target.search = new URLSearchParams({ ...query, visibility: value }).toString();
      const anchor = followAnchor(app, { href: target.href }, label, 'preset');
      anchor.dataset.visibility = value;
      if (value === current) anchor.setAttribute('aria-current', 'page');
      return anchor;
    }));
}

/**
 * The search form, folded on a phone (the results come first there) and open on a wider screen;
 * folded, its toggle says what the page's query is.
 * @param {App} app @param {HalResource} resource
 */
function searchDetails(app, resource) {
  const template = searchTemplateOf(resource);
  const link = searchLinkOf(resource);
  if (!template && !link) return null;
  const form = template ? templateForm(app, 'search', { ...template, title: 'Search' }, { id: SEARCH_FORM_ID })
    : templatedLinkForm(app, /** @type {import('./explorer-types').HalLink} */ (link), { label: 'Search', id: SEARCH_FORM_ID });
  const q = new URL(location.href).searchParams.get('q');
  return h('details', { class: 'search-details', open: matchMedia('(min-width: 40rem)').matches },
    h('summary', {}, h('span', { class: 'search-toggle', text: template?.title ?? link?.title ?? 'Search' }),
      q ? h('span', { class: 'search-current', text: ` · “${q}”` }) : null),
    form);
}

/** @param {HalResource} resource @param {number} count */
function summary(resource, count) {
  const total = typeof resource.total === 'number' ? resource.total : count;
  const shown = count === 0 || count === total ? '' : ` · showing ${count}`;
  return h('p', { class: 'results-summary', text: `${total} ${total === 1 ? 'result' : 'results'}${shown}` });
}

/** @param {App} app @param {HalResource} resource @param {(item: HalResource) => unknown} renderItem the full representation of an item */
export function resultsPanel(app, resource, renderItem) {
  const items = /** @type {HalResource[]} */ (resource._embedded?.item ?? []).filter((item) => item && typeof item === 'object');
  const pastEnd = typeof resource.pages === 'number' && typeof resource.page === 'number' && resource.page > resource.pages;
  return h('section', { class: 'panel results-panel', 'aria-labelledby': 'results-heading' },
    h('h2', { id: 'results-heading', text: 'Results' }),
    summary(resource, items.length),
    searchDetails(app, resource),
    visibilityPresets(app, searchTemplateOf(resource)),
    pager(app, resource, 'top'),
    items.length ? h('ul', { class: 'cards' }, items.map((item) => card(app, item, renderItem)))
      : h('p', { class: 'results-empty', text: pastEnd ? 'This page is past the last one.' : 'Nothing here yet.' }),
    items.length > 5 ? pager(app, resource, 'bottom') : null);
}
