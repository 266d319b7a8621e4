// @ts-check
/**
 * GET forms: a templated link (`/users/{username}`, `/recipes{?q,sort}`) as a form that expands
 * it; and, on a 400 page, the form of the query that was refused (the page's `search` template
 * when it has one) with the server's errors under its fields, to put the query right.
 */
import { h } from './explorer-dom.js';
import { humanize } from './explorer-format.js';
import { fieldsOf, queryOf } from './explorer-form-model.js';
import { fieldElement, reader } from './explorer-fields.js';
import { placeFieldErrors } from './explorer-response.js';
import { expandTemplate, templateVariables } from './explorer-uri-template.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').HalLink} HalLink */
/** @typedef {import('./explorer-types').HalFormsTemplate} HalFormsTemplate */

/** Names in `{?…}` and `{&…}` expressions are optional; path variables (`{username}`) are not. @param {string} template */
function optionalVariables(template) {
  return new Set([...template.matchAll(/\{[?&]([^}]*)\}/g)].flatMap(([, list]) => (list ?? '').split(',').map((n) => n.trim())));
}

/** @param {string} href */
const pathOf = (href) => {
  try { return new URL(href.replace(/\{[^}]*\}/g, ''), location.href).pathname; } catch { return null; }
};

/**
 * A templated link as a form that expands it and follows; prefilled with the page's query when it
 * is the page's own path (`page` left out: a changed search starts on its first page).
 * @param {App} app @param {HalLink} link @param {{ label?: string, id?: string }} [options]
 */
export function templatedLinkForm(app, link, { label = 'Go', id } = {}) {
  const variables = templateVariables(link.href);
  const optional = optionalVariables(link.href);
  const own = pathOf(link.href) === location.pathname ? Object.fromEntries(new URL(location.href).searchParams) : {};
  const fields = fieldsOf('link', { properties: variables.map((name) => ({
    name, prompt: humanize(name), required: !optional.has(name), ...(name !== 'page' && own[name] !== undefined && { value: own[name] }),
  })) });
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'templated-link', id, 'data-link': link.href },
    fields.map((field) => fieldElement({ ...field, prefilled: false })),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', text: label }))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    app.navigate(expandTemplate(link.href, Object.fromEntries(queryOf(fields, reader(form, fields)))));
  });
  return form;
}

/**
 * After a 400 on a query: the fields of the query that was refused — the page's search template,
 * else the URL's own parameters as text fields — prefilled with what was sent, each error under
 * its field. Unknown parameters have no field, so correcting the form drops them.
 * @param {App} app @param {string} url @param {import('./explorer-types').Problem} problem @param {HalFormsTemplate | null} search
 */
export function queryFixForm(app, url, problem, search) {
  if (!Array.isArray(problem?.errors)) return null;
  const sent = Object.fromEntries(new URL(url).searchParams);
  /** @type {import('./explorer-types').HalFormsProperty[]} */
  const properties = search?.properties?.length ? search.properties
    : Object.keys(sent).map((name) => ({ name, prompt: humanize(name) }));
  const known = new Set(properties.map((p) => p.name));
  const refused = properties.map((p) => ({ ...p, required: false, options: p.options && { ...p.options, selectedValues: [] }, value: sent[p.name] ?? '' }));
  const fields = fieldsOf('query', { properties: refused }).filter((field) => known.has(field.name));
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'query-fix', 'data-query': new URL(url).pathname },
    h('fieldset', {}, h('legend', {}, h('span', { class: 'template-name', text: search?.title ?? 'Search' })),
      h('div', { class: 'query-fields' }, fields.map((field) => fieldElement({ ...field, prefilled: false }))),
      h('div', { class: 'buttons' }, h('button', { type: 'submit', text: 'Try again' })))));
  const unplaced = placeFieldErrors(form, problem, '/query');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const target = new URL(url);
    target.search = new URLSearchParams(queryOf(fields, reader(form, fields))).toString();
    app.navigate(target.href);
  });
  return { form, unplaced };
}
