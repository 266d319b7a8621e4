/**
 * How a response is shown: its status, the headers that matter, a problem's details
 * (RFC 9457, with errors[] pointers) and, on request, the raw body.
 */
import { displayJson, h, shortUrl } from './explorer-dom.js';
import { safeUrl } from './explorer-http.js';

const KEY_HEADERS = [
  'Content-Type', 'ETag', 'Last-Modified', 'Cache-Control', 'Vary', 'Location', 'Content-Location', 'Link',
  'Allow', 'WWW-Authenticate', 'Retry-After', 'RateLimit', 'RateLimit-Policy',
];

/** `GET /recipes → 200 OK` */
export function statusLine(res) {
  const outcome = res.ok ? 'ok' : 'error';
  return h('p', { class: `status status-${outcome}`, role: res.ok ? 'status' : 'alert' },
    h('span', { class: 'method', text: res.method }), ' ',
    h('span', { class: 'target', text: shortUrl(res.url) }), ' → ',
    h('strong', { class: 'code', text: `${res.status} ${res.statusText}`.trim() }));
}

/** The response headers, collapsed: the properties and results come first on a small screen. */
export function headersDetails(res, open = false) {
  const table = headersTable(res);
  return table ? h('details', { class: 'raw headers-details', open }, h('summary', { text: 'Response headers' }), table) : null;
}

export function headersTable(res) {
  const rows = KEY_HEADERS
    .map((name) => [name, res.headers.get(name)])
    .filter(([, value]) => value !== null)
    .map(([name, value]) => h('tr', {}, h('th', { scope: 'row', text: name }), h('td', {}, h('code', { text: value }))));
  return rows.length ? h('table', { class: 'headers' }, h('tbody', {}, rows)) : null;
}

/** A problem+json body: title, detail, type, and every errors[] entry. */
export function problemDetails(problem, unplaced = problem.errors) {
  const errors = Array.isArray(unplaced) ? unplaced : [];
  const typeHref = typeof problem.type === 'string' ? problem.type : null;
  const typeUrl = typeHref ? safeUrl(typeHref) : null;
  return h('div', { class: 'problem' },
    h('p', { class: 'problem-title' }, h('strong', { text: problem.title ?? 'Problem' }),
      problem.status ? ` (${problem.status})` : ''),
    problem.detail ? h('p', { class: 'problem-detail', text: problem.detail }) : null,
    errors.length ? h('ul', { class: 'problem-errors' }, errors.map((error) =>
      h('li', {}, h('code', { text: error?.pointer || '(body)' }), ' ', String(error?.detail ?? '')))) : null,
    typeHref ? h('p', { class: 'problem-type' }, 'Type: ',
      typeUrl ? h('a', { href: typeUrl, target: '_blank', rel: 'noopener', text: typeHref }) : h('code', { text: typeHref })) : null);
}

export function rawBody(res, open = false) {
  if (!res.text) return null;
  const text = res.body !== null ? displayJson(res.body) : res.text;
  return h('details', { class: 'raw', open }, h('summary', { text: `Response body (${res.type || 'no type'})` }), h('pre', { text }));
}

/**
 * A 202 Accepted (register, resend-activation) as the message it is: the server's detail, and
 * where the mail went when the server has no mail server (the explorer cannot know DATA_DIR).
 */
function acceptedMessage(res) {
  if (res.status !== 202) return null;
  const detail = typeof res.body?.detail === 'string' ? res.body.detail : 'Accepted: the server will carry it out.';
  const mentionsMail = /mail/i.test(detail);
  return h('div', { class: 'message message-accepted', tabindex: '-1' },
    h('p', { class: 'message-text', text: detail }),
    mentionsMail ? h('p', { class: 'message-hint', text: 'Trying it out locally? When the server has no mail server, '
      + 'the email is a file in the server\'s outbox folder (data/outbox by default).' }) : null);
}

/** The result of a form submission or upload, shown under the form and at the top of the page. */
export function exchangeSummary(res, unplacedErrors) {
  return h('div', { class: `exchange ${res.ok ? 'exchange-ok' : 'exchange-error'}` },
    statusLine(res),
    acceptedMessage(res),
    res.problem ? problemDetails(res.problem, unplacedErrors) : null,
    headersDetails(res),
    rawBody(res));
}

/** Removes the errors placed next to a form's fields (a new answer replaces them). */
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
 * Places errors[] next to the form fields they point at (`/name`, or `/query/name` with that
 * prefix); returns the ones without a field.
 */
export function placeFieldErrors(form, problem, prefix = '') {
  clearFieldErrors(form);
  const errors = Array.isArray(problem?.errors) ? problem.errors : [];
  const fields = [...form.querySelectorAll('[data-field]')];
  return errors.filter((error) => {
    const pointer = typeof error?.pointer === 'string' ? error.pointer : '';
    const rest = prefix && pointer.startsWith(`${prefix}/`) ? pointer.slice(prefix.length) : prefix ? '' : pointer;
    const name = rest.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
    const field = name ? fields.find((f) => f.dataset.field === name) : undefined;
    const input = field?.querySelector('input:not([type=hidden]), textarea, select');
    if (!input) return true;
    const id = `${input.id}-error`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    field.querySelector('.field-error')?.remove();
    field.append(h('p', { class: 'field-error', id, text: String(error.detail ?? 'Invalid value') }));
    return false;
  });
}
