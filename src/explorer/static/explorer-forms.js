/**
 * HAL-FORMS templates as HTML forms, submitted with the template's method, target and
 * contentType; the result goes to app.handleResult (errors next to fields, follow Location…).
 */
import { confirmAction, LOGOUT_CONFIRMATION } from './explorer-confirm.js';
import { h, shortUrl } from './explorer-dom.js';
import { collectValues, field } from './explorer-fields.js';
import { request, safeUrl } from './explorer-http.js';
import { withSchema } from './explorer-schemas.js';

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
 * Whether a template loses something: deleting the resource that offers it, or logging out.
 * Such a template asks first (explorer-confirm).
 */
function confirmation(name, method, target, title, resource) {
  if (name === 'logout') return LOGOUT_CONFIRMATION;
  if (method !== 'DELETE' || !resource.selfHref || safeUrl(target) !== safeUrl(resource.selfHref)) return null;
  return { title: `${title}?`, message: `“${resource.label}” will be gone for good; this cannot be undone.`, confirmLabel: title };
}

/**
 * One template as a form. `selfHref` is the target when the template names none (HAL-FORMS:
 * the resource itself); `compact` drops the method/target line (the header's login form);
 * `schema` (the resource's profile) completes the properties; `label` names the resource.
 */
export function templateForm(app, name, template, { selfHref, compact = false, schema, label } = {}) {
  const properties = (Array.isArray(template?.properties) ? template.properties : [])
    .filter((p) => p && typeof p.name === 'string').map((p) => withSchema(p, schema));
  const method = String(template?.method ?? 'GET').toUpperCase();
  const target = template?.target ?? selfHref ?? app.currentUrl();
  const title = template?.title ?? name;
  const output = h('div', { class: 'form-output', 'aria-live': 'polite' });
  const asks = confirmation(name, method, target, title, { selfHref, label });
  const button = h('button', { type: 'submit', class: method === 'DELETE' || name === 'logout' ? 'danger' : null, text: title });
  const form = h('form', { class: `template${compact ? ' compact' : ''}`, 'data-template': name },
    h('fieldset', {},
      h('legend', {}, h('span', { class: 'template-name', text: title }),
        compact ? null : h('code', { class: 'template-target', text: `${method} ${shortUrl(target)}` })),
      properties.map((p) => field(name, p)),
      h('div', { class: 'buttons' }, button)),
    output);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    if (asks && !(await confirmAction(asks))) return;
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
