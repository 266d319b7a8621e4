/**
 * A HAL resource: pictures, results (a collection's items as cards, with search and paging),
 * properties, links, templates (forms), image upload and other embedded resources
 * (collapsible, recursively rendered).
 */
import { h, isSecretKey, section, shortUrl } from './explorer-dom.js';
import { templateForm } from './explorer-forms.js';
import { asLinks, followAnchor, labelOf, linksTable } from './explorer-links.js';
import { mediaEditors, mediaFormId, PICTURE_RELS, pictures } from './explorer-media.js';
import { isCollection, resultsPanel, SEARCH_FORM_ID, searchLinkOf } from './explorer-results.js';

function valueNode(key, value) {
  if (value === null || value === undefined) return h('span', { class: 'null', text: 'null' });
  if (isSecretKey(key) && typeof value === 'string') return h('span', { class: 'secret', text: '•••••• (kept in this tab only)' });
  if (typeof value === 'object') return h('pre', { class: 'json', text: JSON.stringify(value, null, 2) });
  if (typeof value === 'string') return h('span', { class: 'string', text: value });
  return h('code', { class: typeof value, text: String(value) });
}

export function propertiesTable(properties) {
  const entries = Object.entries(properties);
  if (entries.length === 0) return null;
  return h('table', { class: 'properties' }, h('tbody', {}, entries.map(([key, value]) =>
    h('tr', { 'data-property': key }, h('th', { scope: 'row', text: key }), h('td', {}, valueNode(key, value))))));
}

function templateForms(app, templates, { selfHref, schema, label }) {
  if (!templates || typeof templates !== 'object') return [];
  return Object.entries(templates)
    .filter(([, template]) => template && typeof template === 'object')
    .map(([name, template]) => templateForm(app, name, template, { selfHref, schema, label }));
}

function embeddedItem(app, rel, item) {
  const self = asLinks(item?._links?.self)[0];
  return h('details', { class: 'embedded-item', 'data-rel': rel },
    h('summary', {}, h('span', { class: 'label', text: labelOf(item, rel) }),
      self ? followAnchor(app, self, shortUrl(self.href), 'follow self') : null),
    h('div', { class: 'nested' }, renderResource(app, item, { level: 3 })));
}

function embeddedGroups(app, embedded, shownAsResults) {
  if (!embedded || typeof embedded !== 'object') return [];
  return Object.entries(embedded).filter(([rel]) => !(shownAsResults && rel === 'item')).map(([rel, value]) => {
    const items = (Array.isArray(value) ? value : [value]).filter((item) => item && typeof item === 'object');
    return h('div', { class: 'embedded-group' },
      h('h3', {}, h('code', { text: rel }), ` (${items.length})`),
      items.length ? items.map((item) => embeddedItem(app, rel, item)) : h('p', { class: 'muted', text: 'none' }));
  });
}

/**
 * The sections of one resource; `level` is the heading level of its sections, `schema` the
 * JSON Schema of its profile (completes its templates' properties; the page's resource only).
 */
export function renderResource(app, resource, { level = 2, schema = null } = {}) {
  const { _links: links, _embedded: embedded, _templates: templates, ...properties } = resource ?? {};
  const safeLinks = links && typeof links === 'object' ? links : {};
  const selfHref = asLinks(safeLinks.self)[0]?.href;
  const label = labelOf(resource, 'this resource');
  const results = level === 2 && isCollection(resource);
  const hasImage = PICTURE_RELS.some((rel) => asLinks(safeLinks[rel]).length > 0);
  const shownForms = {
    'edit-media': (link) => ({ id: mediaFormId(link), text: 'Upload or remove it under Images' }),
    ...(results && searchLinkOf(resource) && { search: () => ({ id: SEARCH_FORM_ID, text: 'Use the search form at the top' }) }),
  };
  return [
    pictures(safeLinks),
    results ? resultsPanel(app, resource, (item) => renderResource(app, item, { level: 4 })) : null,
    section('Properties', 'properties-panel', level, propertiesTable(properties)),
    section('Links', 'links-panel', level, linksTable(app, safeLinks, shownForms)),
    section('Actions', 'templates-panel', level, templateForms(app, templates, { selfHref, schema, label })),
    section('Images', 'media-panel', level, mediaEditors(app, safeLinks, { hasImage, label })),
    section('Embedded', 'embedded-panel', level, embeddedGroups(app, embedded, results)),
  ];
}
