/**
 * Forms for queries: a templated link (`/recipes{?q,sort,order,page,per_page}`) as a form whose
 * fields come from the query schema of the collection it targets (dropdowns for enums, number
 * inputs with bounds), prefilled with the query of the page when it is that collection; and,
 * on a 400 page, the same fields with the server's errors next to them, to put the query right.
 */
import { h } from './explorer-dom.js';
import { field } from './explorer-fields.js';
import { placeFieldErrors } from './explorer-response.js';
import { querySchemaHref, samePath, schemaNow, schemaProperty } from './explorer-schemas.js';
import { expandTemplate, templateVariables } from './explorer-uri-template.js';

/** Names in `{?…}` and `{&…}` expressions are optional; path variables (`{username}`) are not. */
function optionalVariables(template) {
  return new Set([...template.matchAll(/\{[?&]([^}]*)\}/g)].flatMap(([, list]) => list.split(',').map((n) => n.trim())));
}

/** The page's own query, when the form targets the collection on screen. `page` is left out: a changed search starts on its first page. */
function currentQuery(href, keepPage) {
  if (!samePath(href, location.href)) return {};
  const values = Object.fromEntries(new URL(location.href).searchParams);
  if (!keepPage) delete values.page;
  return values;
}

function queryField(name, schema, required, value) {
  const described = schema?.properties?.[name];
  const property = described ? schemaProperty(name, described, required) : { name, prompt: name, type: 'text', required };
  return field('query', { ...property, value });
}

function formValues(form, names) {
  return Object.fromEntries(names.map((name) => [name, form.elements.namedItem(name)?.value ?? '']));
}

/** A templated link as a form that expands it and follows; `label` is its submit button. */
export function templatedLinkForm(app, link, { label = 'Follow', id } = {}) {
  const variables = templateVariables(link.href);
  const optional = optionalVariables(link.href);
  const schema = schemaNow(querySchemaHref(link.href, link.profile));
  const values = currentQuery(link.href, false);
  const form = h('form', { class: 'templated-link', id, 'data-link': link.href },
    variables.map((name) => queryField(name, schema, !optional.has(name), values[name])),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', text: label })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    app.navigate(expandTemplate(link.href, formValues(form, variables)));
  });
  return form;
}

/**
 * After a 400 on a collection URI: its query schema's fields, prefilled with what was sent,
 * each error next to its field (the server's detail names the allowed values). Unknown
 * parameters have no field, so correcting the form drops them.
 */
export function queryFixForm(app, url, problem) {
  const schema = schemaNow(querySchemaHref(url));
  const names = Object.keys(schema?.properties ?? {});
  if (names.length === 0 || !Array.isArray(problem?.errors)) return null;
  const values = currentQuery(url, true);
  const form = h('form', { class: 'query-fix', 'data-query': new URL(url).pathname },
    h('fieldset', {}, h('legend', {}, h('span', { class: 'template-name', text: schema.title ?? 'Query' })),
      h('div', { class: 'query-fields' }, names.map((name) => queryField(name, schema, false, values[name]))),
      h('div', { class: 'buttons' }, h('button', { type: 'submit', text: 'Try again' }))));
  const unplaced = placeFieldErrors(form, problem, '/query');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const target = new URL(url);
    target.search = new URLSearchParams(Object.entries(formValues(form, names)).filter(([, v]) => v !== '')).toString();
    app.navigate(target.href);
  });
  return { form, unplaced };
}
