// @ts-check
/**
 * A resource's own properties. The person's view: a list labelled by the templates' prompts (else
 * the name in words), values formatted, and nothing the page shows otherwise (the heading, ids,
 * pictures' URLs, a draft's state, paging numbers). The developer view: every property, raw.
 */
import { h, isSecretKey } from './explorer-dom.js';
import { formatValue, humanize } from './explorer-format.js';
import { SHOWN_OTHERWISE } from './explorer-smilecook.js';

/** @typedef {import('./explorer-types').HalResource} HalResource */

/** @param {string} key @param {unknown} value */
function rawValue(key, value) {
  if (value === null || value === undefined) return h('span', { class: 'null', text: 'null' });
  if (isSecretKey(key) && typeof value === 'string') return h('span', { class: 'secret', text: '•••••• (kept in this tab only)' });
  if (typeof value === 'object') return h('pre', { class: 'json', text: JSON.stringify(value, null, 2) });
  if (typeof value === 'string') return h('span', { class: 'string', text: value });
  return h('code', { class: typeof value, text: String(value) });
}

/** Every property, as the API names it. @param {Record<string, unknown>} properties */
export function propertiesTable(properties) {
  const entries = Object.entries(properties);
  if (entries.length === 0) return null;
  return h('table', { class: 'properties' }, h('tbody', {}, entries.map(([key, value]) =>
    h('tr', { 'data-property': key }, h('th', { scope: 'row', text: key }), h('td', {}, rawValue(key, value))))));
}

/** The prompts of every template of a resource, by property name. @param {HalResource} resource */
export function promptsOf(resource) {
  /** @type {Map<string, string>} */
  const prompts = new Map();
  for (const template of Object.values(resource?._templates ?? {})) {
    for (const property of template?.properties ?? []) if (property?.prompt && !prompts.has(property.name)) prompts.set(property.name, property.prompt);
  }
  return prompts;
}

/**
 * @param {Record<string, unknown>} properties
 * @param {{ prompts: Map<string, string>, hide: Set<string> }} options
 */
export function propertyList(properties, { prompts, hide }) {
  const items = Object.entries(properties)
    .filter(([key, value]) => !hide.has(key) && key !== 'id' && !SHOWN_OTHERWISE.has(key) && !isSecretKey(key) && !/_url$/.test(key)
      && formatValue(value) !== null)
    .map(([key, value]) => {
      const text = /** @type {string} */ (formatValue(value));
      const long = text.length > 80 || text.includes('\n');
      return h('div', { class: `property${long ? ' property-long' : ''}`, 'data-property': key },
        h('dt', { text: (prompts.get(key) ?? humanize(key)).replace(/\s*\(.*\)$/, '') }), h('dd', { text }));
    });
  return items.length ? h('dl', { class: 'property-list' }, items) : null;
}
