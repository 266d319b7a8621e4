/**
 * JSON Schema properties → HAL-FORMS properties (API.md §1): every property gets a human `prompt`, the
 * HTML input `type` and the constraints of the schema that validates it; a property with a fixed set of
 * values gets `options`, labelled by the schema's `optionPrompts`. The schemas (schemas/*.schema.ts) are
 * the only source: a parameter added there shows up in the forms with its bounds and choices.
 */

/** The subset of JSON Schema (and our annotations, schemas/ajv.ts) that forms care about. */
export interface PropertySchema {
  readonly type?: string;
  readonly title?: string;
  readonly prompt?: string;
  readonly description?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly writeOnly?: boolean;
  readonly readOnly?: boolean;
  readonly enum?: ReadonlyArray<string | number>;
  readonly default?: unknown;
  readonly optionPrompts?: { readonly [value: string]: string };
}

export interface FormSchema {
  readonly properties: { readonly [name: string]: PropertySchema };
  readonly required?: readonly string[];
}

/** HAL-FORMS `options` as the spec has them (Spring HATEOAS emits the same; hal-types lacks the array form). */
export interface FormOptions {
  inline: Array<{ prompt: string; value: string }>;
  selectedValues: string[];
  minItems: number;
  maxItems: number;
}

export interface FormProperty {
  name: string;
  prompt: string;
  type: string;
  required: boolean;
  readOnly?: boolean;
  value?: string;
  regex?: string;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  step?: number;
  options?: FormOptions;
}

/** A body is sent as JSON; a query form's values go into the target's query string (GET). */
export type FormKind = 'body' | 'query';

/** Strings that may be longer than this (a line of text) are offered as a textarea. */
const TEXTAREA_FROM = 255;

const defined = <T>(value: T | undefined | null): value is T => value !== undefined && value !== null && value !== '';

/**
 * A choice among the enum's values: a select list in HAL Explorer, ketting and the built-in explorer.
 * `selectedValues` holds the current value, else the one that applies when the form is sent as it is
 * (the schema's default); `type` stays `text`, the one type under which ketting 8 reads options.
 */
function choice(base: FormProperty, schema: PropertySchema, value: unknown): FormProperty {
  const values = schema.enum!.map(String);
  const selected = [value, schema.default].map((v) => (defined(v) ? String(v) : undefined)).find((v) => v !== undefined && values.includes(v));
  return {
    ...base, type: 'text',
    options: {
      inline: values.map((v) => ({ prompt: schema.optionPrompts?.[v] ?? v, value: v })),
      selectedValues: selected === undefined ? [] : [selected],
      minItems: base.required ? 1 : 0,
      maxItems: 1,
    },
  };
}

/** One JSON Schema property as a HAL-FORMS property, prefilled with `value` when there is one. */
export function formProperty(name: string, schema: PropertySchema, required: boolean, value: unknown, kind: FormKind = 'body'): FormProperty {
  const base: FormProperty = {
    name, prompt: schema.prompt ?? schema.title ?? name, type: 'text', required, ...(schema.readOnly && { readOnly: true }),
  };
  if (schema.enum) return choice(base, schema, value);
  const shown = defined(value) ? { value: String(value) } : {};
  if (schema.type === 'integer' || schema.type === 'number') {
    return {
      ...base, type: 'number', ...shown,
      ...(schema.minimum !== undefined && { min: schema.minimum }),
      ...(schema.maximum !== undefined && { max: schema.maximum }),
      ...(schema.type === 'integer' && { step: 1 }),
    };
  }
  const lengths = {
    ...(schema.minLength !== undefined && { minLength: schema.minLength }),
    ...(schema.maxLength !== undefined && { maxLength: schema.maxLength }),
    ...(schema.pattern && { regex: schema.pattern }),
  };
  if (schema.writeOnly) return { ...base, type: 'password', ...lengths };
  if (kind === 'query') return { ...base, type: 'search', ...lengths, ...shown };
  // Long free text is a textarea; an email or URL stays its own type, however long it may be.
  if (!schema.format && (schema.maxLength ?? 0) > TEXTAREA_FROM) return { ...base, type: 'textarea', ...lengths, ...shown };
  const type = schema.format === 'email' ? 'email' : schema.format === 'uri' ? 'url' : 'text';
  return { ...base, type, ...lengths, ...shown };
}

/**
 * HAL-FORMS `properties` for a schema, optionally prefilled with current values. Read-only properties
 * are left out (a body naming one is refused, API.md §1), and so are the names in `omit` (`page`: a
 * search form starts at the first page).
 */
export function formProperties(
  schema: FormSchema, values: Record<string, unknown> = {}, kind: FormKind = 'body', omit: readonly string[] = [],
): FormProperty[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties)
    .filter(([name, property]) => !property.readOnly && !omit.includes(name))
    .map(([name, property]) => formProperty(name, property, required.has(name), values[name], kind));
}
