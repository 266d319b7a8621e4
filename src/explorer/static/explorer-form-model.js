// @ts-check
/**
 * HAL-FORMS templates as form models, and a filled form back into what it sends: labels from
 * `prompt`, choices from `options` (inline prompts, selectedValues, maxItems), bounds and what
 * they mean in words. Pure: no DOM (test/unit/explorer-form-model.test.ts).
 */
import { humanize } from './explorer-format.js';

/** @typedef {import('./explorer-types').Field} Field */
/** @typedef {import('./explorer-types').HalFormsProperty} HalFormsProperty */
/** @typedef {import('./explorer-types').HalFormsTemplate} HalFormsTemplate */

const INPUT_TYPES = new Set([
  'text', 'email', 'password', 'number', 'range', 'url', 'search', 'tel', 'date', 'time', 'datetime-local', 'month', 'week', 'color',
]);

/** The tab's tokens: never shown, sent from the session's storage. @param {string} name */
export const isSecretName = (name) => name === 'access_token' || name === 'refresh_token';

/** @param {unknown} value */
const text = (value) => (value === undefined || value === null ? '' : String(value));

/**
 * The choices of a property with `options.inline`: `{prompt, value}` objects (or the fields that
 * `promptField`/`valueField` name), or bare values.
 * @param {HalFormsProperty} property
 * @returns {{ value: string, label: string }[] | undefined}
 */
export function choicesOf(property) {
  const { options } = property;
  if (!options || !Array.isArray(options.inline)) return undefined;
  const valueField = options.valueField ?? 'value';
  const promptField = options.promptField ?? 'prompt';
  return options.inline.map((option) => {
    if (option === null || typeof option !== 'object') return { value: text(option), label: text(option) };
    const value = text(option[valueField]);
    return { value, label: text(option[promptField]) || value };
  });
}

/** @param {string} templateName @param {HalFormsProperty} property */
function autocompleteFor(templateName, property) {
  if (property.type === 'password') {
    const current = templateName === 'login'
      || (/^(current_)?password$/.test(property.name) && templateName !== 'register' && templateName !== 'reset-password');
    return current ? 'current-password' : 'new-password';
  }
  if (property.name === 'username') return 'username';
  if (property.type === 'email') return templateName === 'login' ? 'username' : 'email';
  return 'off';
}

/** "1 to 50", "at least 1"; for an edit form's optional number, "or empty to clear". @param {Field} field */
function numberHint(field) {
  const { min, max } = field;
  if (min === undefined && max === undefined) return null;
  const range = min !== undefined && max !== undefined ? `${min} to ${max}` : min !== undefined ? `At least ${min}` : `At most ${max}`;
  return `${range}${field.prefilled && !field.required ? ', or empty to clear' : ''}`;
}

/** "15 to 256 characters" for a new password (a login's needs no rule). @param {Field} field */
function passwordHint(field) {
  if (field.autocomplete !== 'new-password' || (field.minLength === undefined && field.maxLength === undefined)) return null;
  const { minLength = 1, maxLength } = field;
  return maxLength !== undefined ? `${minLength} to ${maxLength} characters.` : `At least ${minLength} characters.`;
}

/**
 * One property as a field; `query`: a GET form's, whose empty field is simply not sent (nothing to clear).
 * @param {string} templateName
 * @param {HalFormsProperty} property
 * @param {boolean} [query]
 * @returns {Field}
 */
export function fieldOf(templateName, property, query = false) {
  const choices = choicesOf(property);
  const maxItems = property.options?.maxItems;
  const multiple = Boolean(choices) && maxItems !== undefined && maxItems !== 1;
  const selected = property.options?.selectedValues;
  const declaredType = String(property.type ?? 'text');
  const secret = isSecretName(property.name);
  const control = secret || declaredType === 'hidden' ? 'hidden' : choices ? 'select'
    : declaredType === 'textarea' ? 'textarea' : declaredType === 'checkbox' ? 'checkbox' : 'input';
  const inputType = INPUT_TYPES.has(declaredType) ? declaredType : 'text';
  const numeric = inputType === 'number' || inputType === 'range';
  const value = Array.isArray(selected) && selected.length > 0 ? text(selected[0]) : text(property.value);
  /** @type {Field} */
  const field = {
    name: property.name, label: property.prompt || humanize(property.name), control, inputType,
    required: Boolean(property.required), readOnly: Boolean(property.readOnly), value,
    prefilled: !query && property.value !== undefined && property.value !== null && property.value !== '',
    numeric, integer: numeric && Number(property.step) === 1, multiple, hint: null, secret,
    ...(numeric ? { min: property.min, max: property.max, step: property.step ?? 'any' }
      : { minLength: property.minLength, maxLength: property.maxLength, pattern: property.regex }),
    ...(property.placeholder !== undefined && { placeholder: property.placeholder }),
    ...(choices && { choices }),
    autocomplete: autocompleteFor(templateName, property),
  };
  field.hint = numeric ? numberHint(field) : inputType === 'password' ? passwordHint(field) : null;
  return field;
}

/**
 * The fields of a template, in its order (properties without a name are left out).
 * @param {string} templateName
 * @param {HalFormsTemplate | undefined} template
 * @returns {Field[]}
 */
export function fieldsOf(templateName, template) {
  const properties = Array.isArray(template?.properties) ? template.properties : [];
  const query = String(template?.method ?? 'GET').toUpperCase() === 'GET';
  return properties.filter((p) => p && typeof p.name === 'string').map((p) => fieldOf(templateName, p, query));
}

/**
 * What a filled form sends as JSON. `read(name)` gives a field's value as the person left it
 * (a string, a checkbox's boolean, a multiple choice's strings). Numbers are numbers; an empty
 * optional field is left out — but one that showed a value (an edit form) is sent, so that
 * clearing it clears it (null for a number) or is refused for what it is.
 * @param {Field[]} fields
 * @param {(name: string) => string | boolean | string[] | undefined} read
 * @returns {Record<string, unknown>}
 */
export function bodyOf(fields, read) {
  /** @type {Record<string, unknown>} */
  const values = {};
  for (const field of fields) {
    const raw = read(field.name);
    if (raw === undefined) continue;
    if (typeof raw === 'boolean' || Array.isArray(raw)) values[field.name] = raw;
    else if (raw !== '') values[field.name] = field.numeric ? Number(raw) : raw;
    else if (field.prefilled) values[field.name] = field.numeric ? null : '';
    else if (field.required) values[field.name] = '';
  }
  return values;
}

/**
 * What a GET form puts in the query: every field with a value, as text.
 * @param {Field[]} fields
 * @param {(name: string) => string | boolean | string[] | undefined} read
 * @returns {[string, string][]}
 */
export function queryOf(fields, read) {
  return fields.flatMap((field) => {
    const raw = read(field.name);
    const values = Array.isArray(raw) ? raw : raw === undefined || raw === false ? [] : [String(raw)];
    return values.filter((v) => v !== '').map((v) => /** @type {[string, string]} */ ([field.name, v]));
  });
}
