// @ts-check
/**
 * How an answer is shown. The developer view: its status line, the headers that matter, a
 * problem's type and errors[] pointers, the raw body. Everybody: a problem's errors under the
 * fields they point at, named by the fields' labels.
 */
import { displayJson, h, shortUrl } from './explorer-dom.js';
import { relabelError } from './explorer-format.js';
import { safeUrl } from './explorer-http.js';

/** @typedef {import('./explorer-types').Res} Res */
/** @typedef {import('./explorer-types').Problem} Problem */
/** @typedef {import('./explorer-types').FieldError} FieldError */

const KEY_HEADERS = [
  'Content-Type', 'ETag', 'Last-Modified', 'Cache-Control', 'Vary', 'Location', 'Content-Location', 'Link',
  'Allow', 'WWW-Authenticate', 'Retry-After', 'RateLimit', 'RateLimit-Policy',
];

/** `GET /recipes → 200 OK` @param {Res} res */
export function statusLine(res) {
  const outcome = res.ok ? 'ok' : 'error';
  return h('p', { class: `status status-${outcome}` },
    h('span', { class: 'method', text: res.method }), ' ',
    h('span', { class: 'target', text: shortUrl(res.url) }), ' → ',
    h('strong', { class: 'code', text: `${res.status} ${res.statusText}`.trim() }));
}

/** The response headers, collapsed. @param {Res} res @param {boolean} [open] */
export function headersDetails(res, open = false) {
  const rows = KEY_HEADERS
    .map((name) => /** @type {[string, string | null]} */ ([name, res.headers.get(name)]))
    .filter(([, value]) => value !== null)
    .map(([name, value]) => h('tr', {}, h('th', { scope: 'row', text: name }), h('td', {}, h('code', { text: value }))));
  return rows.length ? h('details', { class: 'raw headers-details', open }, h('summary', { text: 'Response headers' }),
    h('table', { class: 'headers' }, h('tbody', {}, rows))) : null;
}

/**
 * A problem+json body as the developer view shows it: title, status, detail, type, every errors[] entry.
 * @param {Problem} problem @param {FieldError[]} [unplaced]
 */
export function problemDetails(problem, unplaced = problem.errors) {
  const errors = Array.isArray(unplaced) ? unplaced : [];
  const typeHref = typeof problem.type === 'string' ? problem.type : null;
  const typeUrl = typeHref ? safeUrl(typeHref) : null;
  return h('div', { class: 'problem' },
    h('p', { class: 'problem-title' }, h('strong', { text: problem.title ?? 'Problem' }), problem.status ? ` (${problem.status})` : ''),
    problem.detail ? h('p', { class: 'problem-detail', text: problem.detail }) : null,
    errors.length ? h('ul', { class: 'problem-errors' }, errors.map((error) =>
      h('li', {}, h('code', { text: error?.pointer || '(body)' }), ' ', String(error?.detail ?? '')))) : null,
    typeHref ? h('p', { class: 'problem-type' }, 'Type: ',
      typeUrl ? h('a', { href: typeUrl, target: '_blank', rel: 'noopener', text: typeHref }) : h('code', { text: typeHref })) : null);
}

/** The raw body, folded. @param {Res} res @param {boolean} [open] */
export function rawBody(res, open = false) {
  if (!res.text) return null;
  const text = res.body !== null ? displayJson(res.body) : res.text;
  return h('details', { class: 'raw', open }, h('summary', { text: `Response body (${res.type || 'no type'})` }), h('pre', { text }));
}

/** Removes the errors placed next to a form's fields (a new answer replaces them). @param {HTMLFormElement} form */
export function clearFieldErrors(form) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    const kept = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-error')).join(' ');
    if (kept) input.setAttribute('aria-describedby', kept);
    else input.removeAttribute('aria-describedby');
  }
}

/**
 * Places errors[] under the form fields they point at (`/name`, or `/query/name` with that
 * prefix), each named by its field's label; returns the ones without a field.
 * @param {HTMLFormElement} form @param {Problem | null} problem @param {string} [prefix]
 * @returns {FieldError[]}
 */
export function placeFieldErrors(form, problem, prefix = '') {
  clearFieldErrors(form);
  const errors = Array.isArray(problem?.errors) ? problem.errors : [];
  const fields = /** @type {HTMLElement[]} */ ([...form.querySelectorAll('[data-field]')]);
  return errors.filter((error) => {
    const pointer = typeof error?.pointer === 'string' ? error.pointer : '';
    const rest = prefix && pointer.startsWith(`${prefix}/`) ? pointer.slice(prefix.length) : prefix ? '' : pointer;
    const name = rest.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
    const field = name ? fields.find((f) => f.dataset.field === name) : undefined;
    const input = field?.querySelector('input:not([type=hidden]), textarea, select');
    if (!field || !input || !name) return true;
    const id = `${input.id}-error`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    field.querySelector('.field-error')?.remove();
    const label = field.dataset.label ?? name;
    // A choice the server refused: its detail lists the API's values, the dropdown shows their words.
    const text = input instanceof HTMLSelectElement && /must be one of/.test(String(error.detail))
      ? `${label}: choose one of the choices offered` : relabelError(String(error.detail ?? 'is not valid'), name, label);
    field.append(h('p', { class: 'field-error', id, text }));
    return false;
  });
}
