// @ts-check
/**
 * One field of a form model (explorer-form-model) as a labelled control — its hint (what it
 * accepts, in words) shown before anything is sent, regex as pattern, choices as a dropdown,
 * the session's secrets kept out of the page — and the value the person left in it.
 */
import { h } from './explorer-dom.js';
import { getTokens } from './explorer-tokens.js';

/** @typedef {import('./explorer-types').Field} Field */

let nextId = 0;

/** HTML patterns compile with the `v` flag, stricter about `-` and punctuation in classes. @param {string} regex */
function forVFlag(regex) {
  return regex.replace(/\[(\^?)((?:\\.|[^\]\\])*)\]/g, (_m, negate, body) => `[${negate}${body
    .replace(/^-/, '\\-').replace(/(?<!\\)-$/, '\\-').replace(/(?<!\\)[(){}/|]/g, '\\$&')}]`);
}

/** @param {string} source @param {string} flags */
function compiles(source, flags) {
  try { return new RegExp(`^(?:${source})$`, flags); } catch { return null; }
}

/** `pattern` when the browser can use it; otherwise the same check via setCustomValidity. @param {HTMLInputElement} control @param {string} regex */
function applyRegex(control, regex) {
  for (const candidate of [regex, forVFlag(regex)]) {
    if (compiles(candidate, 'v')) return control.setAttribute('pattern', candidate);
  }
  const pattern = compiles(regex, 'u');
  if (!pattern) return;
  const check = () => control.setCustomValidity(control.value === '' || pattern.test(control.value) ? '' : 'Please use the form shown under the field.');
  control.addEventListener('input', check);
  check();
}

/** @param {Field} field @param {string} id */
function control(field, id) {
  const common = { id, name: field.name, required: field.required, readonly: field.readOnly, placeholder: field.placeholder };
  // A token is never put in the page: with a session it is read from the tab's storage at submit;
  // without one (the developer view's refresh form) it can be pasted into a password field.
  if (field.secret && !getTokens()) return h('input', { ...common, type: 'password', autocomplete: 'off', spellcheck: 'false' });
  if (field.control === 'hidden') {
    return h('input', { ...common, type: 'hidden', value: field.secret ? '' : field.value, 'data-secret': field.secret ? 'session' : null });
  }
  if (field.control === 'select') {
    const choices = field.choices ?? [];
    const known = choices.some((c) => c.value === field.value);
    return h('select', { ...common, multiple: field.multiple },
      !field.required && !known ? h('option', { value: '', text: '—' }) : null,
      choices.map((c) => h('option', { value: c.value, text: c.label, selected: c.value === field.value })));
  }
  if (field.control === 'textarea') {
    return h('textarea', { ...common, minlength: field.minLength, maxlength: field.maxLength, rows: field.value.length > 200 ? 8 : 4, value: field.value });
  }
  if (field.control === 'checkbox') return h('input', { ...common, type: 'checkbox', checked: field.value === 'true' });
  const input = /** @type {HTMLInputElement} */ (h('input', {
    ...common, type: field.inputType, value: field.value, autocomplete: field.autocomplete,
    ...(field.numeric ? { min: field.min, max: field.max, step: field.step, inputmode: field.integer ? 'numeric' : null }
      : { minlength: field.minLength, maxlength: field.maxLength }),
    spellcheck: field.inputType === 'email' || field.inputType === 'password' || field.name === 'username' ? 'false' : null,
  }));
  if (field.pattern && !field.numeric) applyRegex(input, field.pattern);
  return input;
}

/**
 * A labelled field; `data-field` lets problem errors[] pointers find it, `data-label` names it in them.
 * @param {Field} field
 * @param {string | null} [extraHint] more words for the hint (the API's own rules)
 */
export function fieldElement(field, extraHint = null) {
  const id = `field-${++nextId}`;
  const input = control(field, id);
  if (input instanceof HTMLInputElement && input.type === 'hidden') {
    return h('div', { class: 'field field-hidden', 'data-field': field.name, 'data-label': field.label }, input);
  }
  const hint = [field.hint, extraHint].filter(Boolean).join(' ');
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  const kind = field.control === 'input' ? field.inputType : field.control;
  return h('div', { class: `field field-${kind}`, 'data-field': field.name, 'data-label': field.label },
    h('label', { for: id }, field.label, field.required ? h('span', { class: 'required', 'aria-hidden': 'true', text: ' *' }) : null),
    input, hint ? h('p', { class: 'field-hint', id: `${id}-hint`, text: hint }) : null);
}

/**
 * What the person left in a field: a string, a checkbox's boolean, a multiple choice's values;
 * the session's token for a secret; undefined when the form has no such control.
 * @param {HTMLFormElement} form @param {Field} field
 * @returns {string | boolean | string[] | undefined}
 */
export function readField(form, field) {
  const element = form.elements.namedItem(field.name);
  if (!element || element instanceof RadioNodeList) return undefined;
  if (field.secret && element instanceof HTMLInputElement && element.dataset.secret === 'session') {
    return getTokens()?.[/** @type {'refresh_token'} */ (field.name)] ?? '';
  }
  if (element instanceof HTMLInputElement && element.type === 'checkbox') return element.checked;
  if (element instanceof HTMLSelectElement && element.multiple) return [...element.selectedOptions].map((o) => o.value);
  return /** @type {HTMLInputElement} */ (element).value;
}

/** `read(name)` over a form's fields, for bodyOf and queryOf. @param {HTMLFormElement} form @param {Field[]} fields */
export function reader(form, fields) {
  /** @param {string} name */
  return (name) => {
    const field = fields.find((f) => f.name === name);
    return field ? readField(form, field) : undefined;
  };
}
