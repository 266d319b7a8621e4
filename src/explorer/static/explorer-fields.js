/**
 * One HAL-FORMS property → one labelled form control (type, required, min/max/step with a hint,
 * minLength/maxLength, regex as pattern, prefilled value, textarea, password, inline options as
 * a dropdown, secrets kept out of the page), and back.
 */
import { h, isSecretKey } from './explorer-dom.js';
import { getTokens } from './explorer-tokens.js';

const INPUT_TYPES = new Set([
  'text', 'email', 'password', 'number', 'range', 'url', 'search', 'tel', 'date', 'time',
  'datetime-local', 'month', 'week', 'color', 'hidden', 'checkbox',
]);
let nextId = 0;

/** HTML patterns compile with the `v` flag, stricter about `-` and punctuation in classes. */
function forVFlag(regex) {
  return regex.replace(/\[(\^?)((?:\\.|[^\]\\])*)\]/g, (_m, negate, body) => `[${negate}${body
    .replace(/^-/, '\\-').replace(/(?<!\\)-$/, '\\-').replace(/(?<!\\)[(){}/|]/g, '\\$&')}]`);
}

function compiles(source, flags) {
  try { return new RegExp(`^(?:${source})$`, flags); } catch { return null; }
}

/** `pattern` when the browser can use it; otherwise the same check via setCustomValidity. */
function applyRegex(control, regex) {
  for (const candidate of [regex, forVFlag(regex)]) {
    if (compiles(candidate, 'v')) return control.setAttribute('pattern', candidate);
  }
  const pattern = compiles(regex, 'u');
  if (!pattern) return;
  const check = () => control.setCustomValidity(control.value === '' || pattern.test(control.value) ? '' : `Must match ${regex}`);
  control.addEventListener('input', check);
  check();
}

function inlineOptions(property) {
  const inline = property.options?.inline;
  if (!Array.isArray(inline)) return null;
  return inline.map((o) => (typeof o === 'object' && o !== null
    ? { value: String(o[property.options.valueField ?? 'value'] ?? ''), prompt: String(o[property.options.promptField ?? 'prompt'] ?? o.value ?? '') }
    : { value: String(o), prompt: String(o) }));
}

function autocompleteFor(templateName, property) {
  if (property.type === 'password') return templateName === 'login' ? 'current-password' : 'new-password';
  if (property.name === 'username') return 'username';
  if (property.type === 'email') return 'email';
  return 'off';
}

/**
 * The refresh token is never put in the page: with a session the field is hidden and empty,
 * and collectValues() reads the token from sessionStorage at submit; without one it is a
 * password field for pasting one.
 */
function secretControl(property, common) {
  if (getTokens()) return h('input', { ...common, type: 'hidden', 'data-secret': 'session' });
  return h('input', { ...common, type: 'password', autocomplete: 'off', spellcheck: 'false' });
}

function control(templateName, property, id) {
  const type = INPUT_TYPES.has(property.type) ? property.type : property.type === 'textarea' ? 'textarea' : 'text';
  const value = property.value === undefined || property.value === null ? undefined : String(property.value);
  const common = { id, name: property.name, required: Boolean(property.required), readonly: Boolean(property.readOnly) };
  if (isSecretKey(property.name)) return secretControl(property, common);
  const lengths = { minlength: property.minLength, maxlength: property.maxLength, placeholder: property.placeholder };
  const options = inlineOptions(property);
  if (options) {
    // An optional dropdown starts empty: nothing is sent, the server's default applies.
    return h('select', common, property.required ? null : h('option', { value: '', text: '(default)' }),
      options.map((o) => h('option', { value: o.value, text: o.prompt, selected: o.value === value })));
  }
  if (type === 'textarea') return h('textarea', { ...common, ...lengths, rows: property.rows ?? 4, value });
  if (type === 'checkbox') return h('input', { ...common, type, checked: value === 'true' });
  const numeric = type === 'number' || type === 'range';
  const element = h('input', {
    ...common, type, value,
    ...(numeric ? { min: property.min, max: property.max, step: property.step, inputmode: property.step === 1 ? 'numeric' : null } : lengths),
    autocomplete: autocompleteFor(templateName, property),
  });
  if (property.regex && !numeric) applyRegex(element, property.regex);
  return element;
}

/** "1 to 50": the bounds a number field accepts, as the form's source (template or schema) says. */
function hintFor(property) {
  if (property.type !== 'number' || (property.min === undefined && property.max === undefined)) return null;
  const range = property.min !== undefined && property.max !== undefined ? `${property.min} to ${property.max}`
    : property.min !== undefined ? `at least ${property.min}` : `at most ${property.max}`;
  return `${range}${property.nullable ? ', or empty to clear' : ''}`;
}

/** A labelled field; `data-field` lets problem errors[] pointers find it. */
export function field(templateName, property) {
  const id = `field-${++nextId}`;
  const input = control(templateName, property, id);
  if (input.type === 'hidden') {
    const secret = String(property.prompt ?? property.name).toLowerCase();
    const note = input.dataset.secret ? h('p', { class: 'field-note', text: `Sends this tab's ${secret} (never shown)` }) : null;
    return h('div', { class: 'field field-hidden', 'data-field': property.name }, input, note);
  }
  const hint = hintFor(property);
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: `field field-${input.type || input.tagName.toLowerCase()}`, 'data-field': property.name },
    h('label', { for: id }, property.prompt ?? property.name, property.required ? h('span', { class: 'required', text: ' *' }) : null),
    input, hint ? h('p', { class: 'field-hint', id: `${id}-hint`, text: hint }) : null);
}

/**
 * The form's values as JSON: numbers as numbers, checkboxes as booleans, empty optional fields
 * left out, a cleared nullable field that had a value as null, the session's secret at submit.
 */
export function collectValues(form, properties) {
  const values = {};
  for (const property of properties) {
    const input = form.elements.namedItem(property.name);
    if (!input || typeof input.value !== 'string') continue;
    if (input.dataset?.secret === 'session') {
      values[property.name] = getTokens()?.[property.name] ?? '';
    } else if (property.type === 'checkbox') {
      values[property.name] = input.checked;
    } else if (input.value !== '') {
      const numeric = property.type === 'number' || property.type === 'range';
      values[property.name] = numeric ? Number(input.value) : input.value;
    } else if (property.nullable && property.value !== undefined && property.value !== null && property.value !== '') {
      values[property.name] = null;
    } else if (property.required) {
      values[property.name] = '';
    }
  }
  return values;
}
