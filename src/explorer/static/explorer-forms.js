// @ts-check
/**
 * HAL-FORMS templates as HTML forms, sent with the template's method, target and contentType
 * (a fresh Idempotency-Key on every POST, so a retried create is not made twice); the answer goes
 * to app.handleResult (errors under their fields, follow Location, a message in words…).
 */
import { confirmAction, LOGOUT_CONFIRMATION } from './explorer-confirm.js';
import { h, shortUrl } from './explorer-dom.js';
import { bodyOf, fieldsOf, queryOf } from './explorer-form-model.js';
import { fieldElement, reader } from './explorer-fields.js';
import { request, safeUrl } from './explorer-http.js';
import { deletionQuestion, extraHintFor } from './explorer-smilecook.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').Field} Field */
/** @typedef {import('./explorer-types').HalFormsTemplate} HalFormsTemplate */

/** @param {string} type */
const isFormEncoded = (type) => /^application\/x-www-form-urlencoded/i.test(type);

/** @param {string} target @param {[string, string][]} query */
function withQuery(target, query) {
  const url = new URL(target, location.href);
  url.search = new URLSearchParams(query).toString();
  return url.href;
}

/**
 * @typedef {object} Submission
 * @property {string} name
 * @property {HalFormsTemplate} template
 * @property {Field[]} fields
 * @property {(name: string) => string | boolean | string[] | undefined} read
 * @property {string} target
 * @property {HTMLFormElement} [form]
 * @property {HTMLElement} [output]
 */

/** Sends a template; resolves when its result has been handled. @param {App} app @param {Submission} submission */
export async function submitTemplate(app, { name, template, fields, read, target, form, output }) {
  const method = String(template.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return app.navigate(withQuery(target, queryOf(fields, read)));
  const values = bodyOf(fields, read);
  const contentType = template.contentType ?? 'application/json';
  const hasBody = fields.length > 0;
  const encoded = () => (isFormEncoded(contentType) ? new URLSearchParams(/** @type {Record<string, string>} */ (values)).toString() : JSON.stringify(values));
  const body = hasBody ? encoded() : undefined;
  const headers = {
    ...(hasBody && { 'Content-Type': contentType }),
    ...(method === 'POST' && { 'Idempotency-Key': crypto.randomUUID() }),
    ...app.preconditionFor(target, method),
  };
  const res = await request(target, { method, headers, body });
  return app.handleResult(res, { name, title: template.title, method, target, form, output, fields });
}

/**
 * Whether a template loses something: deleting the resource that offers it, or logging out.
 * @param {string} name @param {string} method @param {string} target @param {string} title @param {{ selfHref?: string, label?: string }} resource
 */
function confirmation(name, method, target, title, resource) {
  if (name === 'logout') return LOGOUT_CONFIRMATION;
  if (name === 'revoke-others') {
    return { title: `${title}?`, message: 'Every other place you are logged in will need your password again.', confirmLabel: title };
  }
  if (method !== 'DELETE' || !resource.selfHref || safeUrl(target) !== safeUrl(resource.selfHref)) return null;
  return { title: `${title}?`, message: `“${resource.label}” will be gone for good; this cannot be undone.`, confirmLabel: title };
}

/**
 * @typedef {object} FormOptions
 * @property {string} [selfHref] the target when the template names none (HAL-FORMS: the resource itself)
 * @property {boolean} [compact] no method/target line (the header's login form)
 * @property {string} [label] the resource's name, for confirmations
 * @property {string} [id]
 */

/** One template as a form. @param {App} app @param {string} name @param {HalFormsTemplate} template @param {FormOptions} [options] */
export function templateForm(app, name, template, { selfHref, compact = false, label, id } = {}) {
  const fields = fieldsOf(name, template);
  const method = String(template?.method ?? 'GET').toUpperCase();
  const target = template?.target ?? selfHref ?? app.currentUrl();
  const title = template?.title ?? name;
  const output = h('div', { class: 'form-output', 'aria-live': 'polite' });
  const asks = confirmation(name, method, target, title, { selfHref, label });
  const danger = method === 'DELETE' || name === 'logout' || name === 'delete-account';
  const buttonText = method === 'PATCH' && !app.developer ? 'Save changes' : title;
  const button = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: danger ? 'danger' : null, text: buttonText }));
  const legend = fields.length > 0 || app.developer;
  const className = `template${compact ? ' compact' : ''}${fields.length ? '' : ' template-button'}`;
  const form = /** @type {HTMLFormElement} */ (h('form', { class: className, 'data-template': name, id },
    h('fieldset', {},
      legend ? h('legend', {}, h('span', { class: 'template-name', text: title }),
        app.developer && !compact ? h('code', { class: 'template-target', text: `${method} ${shortUrl(target)}` }) : null) : null,
      // A password form without a username field: password managers need to know whose it is.
      fields.some((f) => f.inputType === 'password') && !fields.some((f) => f.autocomplete === 'username') && app.me
        ? h('input', { type: 'text', autocomplete: 'username', value: app.me.title, hidden: true, tabindex: '-1' }) : null,
      fields.map((field) => fieldElement(field, extraHintFor(name, field))),
      h('div', { class: 'buttons' }, button)),
    output));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const question = name === 'delete-account' ? await deletionQuestion(app) : asks;
    if (question && !(await confirmAction(question))) return;
    button.disabled = true;
    try {
      await submitTemplate(app, { name, template, fields, read: reader(form, fields), target, form, output });
    } catch (error) {
      const text = `This could not be sent: ${/** @type {Error} */ (error).message}. Check your connection and try again.`;
      output.replaceChildren(h('p', { class: 'status status-error', role: 'alert', text }));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
