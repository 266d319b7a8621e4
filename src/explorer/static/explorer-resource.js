// @ts-check
/**
 * A HAL resource as a page: pictures, results (a collection's items as cards, with search and
 * paging), its actions (templates without fields as buttons), properties, forms, image upload,
 * where to go from here, and other embedded resources. The person's view leaves out what the
 * page does by itself (login, logout, token refresh) and names nothing by its API name; the
 * developer view shows every property, relation and template as the API has them.
 */
import { h, section, shortUrl } from './explorer-dom.js';
import { templateForm } from './explorer-forms.js';
import { asLinks, followAnchor, labelOf, linksList, linksTable } from './explorer-links.js';
import { mediaEditors, mediaFormId, pictures } from './explorer-media.js';
import { promptsOf, propertiesTable, propertyList } from './explorer-properties.js';
import { isCollection, resultsPanel, SEARCH_FORM_ID, searchLinkOf, searchTemplateOf } from './explorer-results.js';
import { PICTURE_RELS } from './explorer-smilecook.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').HalResource} HalResource */
/** @typedef {import('./explorer-types').HalFormsTemplate} HalFormsTemplate */

/** What the page does by itself in the person's view: the header logs in and out, tokens refresh on their own. */
const AUTOMATIC = new Set(['login', 'logout', 'refresh']);
/** Relations the person's view shows in its own way. */
const SHOWN_LINKS = new Set([...PICTURE_RELS, 'preview', 'edit-media', 'first', 'prev', 'next', 'last', 'explorer']);

/**
 * @param {App} app @param {[string, HalFormsTemplate][]} templates
 * @param {{ selfHref?: string, label: string, fold?: Set<string> }} options
 */
function templateForms(app, templates, { selfHref, label, fold = new Set() }) {
  return templates.map(([name, template]) => {
    const form = templateForm(app, name, template, { selfHref, label, id: `template-${name}` });
    if (!fold.has(name) || location.hash === `#${name}`) return form;
    return h('details', { class: 'form-details', 'data-template-details': name }, h('summary', { text: template.title ?? name }), form);
  });
}

/** @param {App} app @param {string} rel @param {HalResource} item @returns {HTMLElement} */
function embeddedItem(app, rel, item) {
  const self = asLinks(item?._links?.self)[0];
  if (!app.developer) { // a person sees each item as it is, with what can be done to it
    return h('article', { class: 'embedded-card', 'data-rel': rel }, h('h3', { class: 'embedded-title', text: labelOf(item, rel) }),
      renderResource(app, item, { level: 4 }));
  }
  return h('details', { class: 'embedded-item', 'data-rel': rel },
    h('summary', {}, h('span', { class: 'label', text: labelOf(item, rel) }),
      self ? followAnchor(app, self, app.developer ? shortUrl(self.href) : 'Open', 'follow follow-self') : null),
    h('div', { class: 'nested' }, renderResource(app, item, { level: 3 })));
}

/** @param {App} app @param {Record<string, unknown> | undefined} embedded @param {boolean} shownAsResults @returns {HTMLElement[]} */
function embeddedGroups(app, embedded, shownAsResults) {
  if (!embedded || typeof embedded !== 'object') return [];
  return Object.entries(embedded).filter(([rel]) => !(shownAsResults && rel === 'item')).map(([rel, value]) => /** @type {HTMLElement} */ {
    const items = /** @type {HalResource[]} */ ((Array.isArray(value) ? value : [value]).filter((item) => item && typeof item === 'object'));
    return h('div', { class: 'embedded-group' },
      app.developer ? h('h3', {}, h('code', { text: rel }), ` (${items.length})`) : null,
      items.length ? items.map((item) => embeddedItem(app, rel, item)) : h('p', { class: 'muted', text: 'None' }));
  });
}

/**
 * The sections of one resource; `level` is the heading level of its sections.
 * @param {App} app @param {HalResource} resource @param {{ level?: number }} [options]
 * @returns {(HTMLElement | HTMLElement[] | null)[]}
 */
export function renderResource(app, resource, { level = 2 } = {}) {
  const { _links: links, _embedded: embedded, _templates: templates, ...properties } = resource ?? {};
  const safeLinks = links && typeof links === 'object' ? links : {};
  const selfHref = asLinks(safeLinks.self)[0]?.href;
  const label = labelOf(resource, 'this resource');
  const results = level === 2 && isCollection(resource);
  const hasImage = PICTURE_RELS.some((rel) => asLinks(safeLinks[rel]).length > 0);
  const all = /** @type {[string, HalFormsTemplate][]} */ (Object.entries(templates ?? {}).filter(([, t]) => t && typeof t === 'object'));
  const shown = all.filter(([name]) => app.developer || !(AUTOMATIC.has(name) || (results && name === 'search')));
  // Actions without fields are buttons under the heading, the ones that lose something last.
  const buttons = app.developer ? [] : shown.filter(([, t]) => !t.properties?.length)
    .sort(([, a], [, b]) => Number(String(a.method).toUpperCase() === 'DELETE') - Number(String(b.method).toUpperCase() === 'DELETE'));
  const forms = shown.filter((entry) => !buttons.includes(entry));
  const common = { selfHref, label, fold: results && !app.developer ? new Set(['create']) : new Set() };
  if (app.developer) {
    const shownForms = {
      'edit-media': (/** @type {import('./explorer-types').HalLink} */ link) => ({ id: mediaFormId(link), text: 'Upload or remove it under Images' }),
      ...(results && (searchTemplateOf(resource) || searchLinkOf(resource))
        && { search: () => ({ id: SEARCH_FORM_ID, text: 'Use the search form at the top' }) }),
    };
    return [
      pictures(app, safeLinks, label),
      results ? resultsPanel(app, resource, (/** @type {HalResource} */ item) => renderResource(app, item, { level: 4 })) : null,
      section('Properties', 'properties-panel', level, propertiesTable(properties)),
      section('Links', 'links-panel', level, linksTable(app, safeLinks, shownForms)),
      section('Actions', 'templates-panel', level, templateForms(app, forms, common)),
      section('Images', 'media-panel', level, mediaEditors(app, safeLinks, { hasImage, label })),
      section('Embedded', 'embedded-panel', level, embeddedGroups(app, embedded, results)),
    ];
  }
  const hide = new Set([level === 2 ? ['name', 'title', 'username'].find((key) => typeof properties[key] === 'string') ?? '' : '',
    ...(results ? ['page', 'per_page', 'total', 'pages'] : []), ...(embedded ? ['total'] : [])]);
  const skipLinks = new Set([...SHOWN_LINKS, 'search']); // a collection's results and the header search it
  if (level > 2) { // an item inside a page: its facts and actions, without panels of its own
    return [
      buttons.length ? h('div', { class: 'actions-bar buttons' }, templateForms(app, buttons, common)) : null,
      propertyList(properties, { prompts: promptsOf(resource), hide }),
      templateForms(app, forms, common),
      linksList(app, safeLinks, skipLinks),
    ];
  }
  return [
    buttons.length ? h('div', { class: 'actions-bar buttons' }, templateForms(app, buttons, common)) : null,
    pictures(app, safeLinks, label),
    section('About', 'properties-panel', level, propertyList(properties, { prompts: promptsOf(resource), hide })),
    results ? resultsPanel(app, resource, (/** @type {HalResource} */ item) => renderResource(app, item, { level: 4 })) : null,
    section(results ? 'Add to this list' : 'What you can do', 'templates-panel', level, templateForms(app, forms, common)),
    section('Picture', 'media-panel', level, mediaEditors(app, safeLinks, { hasImage, label })),
    section('Go to', 'links-panel', level, linksList(app, safeLinks, skipLinks)),
    section(typeof properties.total === 'number' ? `${properties.total} in all` : 'Also here', 'embedded-panel', level, embeddedGroups(app, embedded, results)),
  ];
}
