/**
 * HAL-FORMS templates as HTML forms, submitted with the template's method, target and
 * contentType; the result goes to app.handleResult (errors next to fields, follow Location…).
 */
import { h, shortUrl } from './explorer-dom.js';
import { collectValues, field } from './explorer-fields.js';
import { request } from './explorer-http.js';

const isFormEncoded = (type) => /^application\/x-www-form-urlencoded/i.test(type);

function withQuery(target, values) {
  const url = new URL(target, location.href);
  for (const [name, value] of Object.entries(values)) url.searchParams.set(name, String(value));
  return url.href;
}

/** Sends a template; resolves when its result has been handled. */
export async function submitTemplate(app, { name, template, values, target, form, output }) {
  const method = String(template.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return app.navigate(withQuery(target, values));
  const properties = Array.isArray(template.properties) ? template.properties : [];
  const contentType = template.contentType ?? 'application/json';
  const hasBody = properties.length > 0 || Object.keys(values).length > 0;
  const body = !hasBody ? undefined : isFormEncoded(contentType) ? new URLSearchParams(values).toString() : JSON.stringify(values);
  const headers = { ...(hasBody && { 'Content-Type': contentType }), ...app.preconditionFor(target, method) };
  const res = await request(target, { method, headers, body });
  return app.handleResult(res, { name, method, target, form, output });
}

/**
 * One template as a form. `selfHref` is the target when the template names none (HAL-FORMS:
 * the resource itself); `compact` drops the method/target line (the header's login form).
 */
export function templateForm(app, name, template, { selfHref, compact = false } = {}) {
  const properties = Array.isArray(template?.properties) ? template.properties : [];
  const method = String(template?.method ?? 'GET').toUpperCase();
  const target = template?.target ?? selfHref ?? app.currentUrl();
  const title = template?.title ?? name;
  const output = h('div', { class: 'form-output', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: method === 'DELETE' ? 'danger' : null, text: title });
  const form = h('form', { class: `template${compact ? ' compact' : ''}`, 'data-template': name },
    h('fieldset', {},
      h('legend', {}, h('span', { class: 'template-name', text: title }),
        compact ? null : h('code', { class: 'template-target', text: `${method} ${shortUrl(target)}` })),
      properties.filter((p) => p && typeof p.name === 'string').map((p) => field(name, p)),
      h('div', { class: 'buttons' }, button)),
    output);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    button.disabled = true;
    try {
      const values = collectValues(form, properties);
      await submitTemplate(app, { name, template, values, target, form, output });
    } catch (error) {
      output.replaceChildren(h('p', { class: 'status status-error', role: 'alert', text: `Request failed: ${error.message}` }));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

/** A templated link (`{var}`, `{?a,b}`…) as a small form that expands it and follows. */
export function templatedLinkForm(app, link, variables, expand) {
  const inputs = variables.map((name) => {
    const id = `var-${name}-${Math.random().toString(36).slice(2, 8)}`;
    return h('span', { class: 'var' }, h('label', { for: id, text: name }),
      h('input', { id, name, type: 'text', size: 10, autocomplete: 'off' }));
  });
  const form = h('form', { class: 'templated-link' }, inputs, h('button', { type: 'submit', text: 'Follow' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(variables.map((name) => [name, form.elements.namedItem(name)?.value ?? '']));
    app.navigate(expand(link.href, values));
  });
  return form;
}
