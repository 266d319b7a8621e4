import type { HalFormsProperty, HalFormsTemplate } from 'hal-types';

/** The subset of JSON Schema our body schemas use, as far as forms care. */
interface PropertySchema {
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly writeOnly?: boolean;
  readonly readOnly?: boolean;
}

export interface BodySchema {
  readonly $id: string;
  readonly properties: { readonly [name: string]: PropertySchema };
  readonly required?: readonly string[];
}

/** Strings that may be longer than this (a line of text) are offered as a textarea. */
const TEXTAREA_FROM = 255;

function typesOf(schema: PropertySchema): string[] {
  if (schema.type === undefined) return [];
  return typeof schema.type === 'string' ? [schema.type] : [...schema.type];
}

/** Turns one JSON Schema property into a HAL-FORMS property of a type ketting 8 understands. */
function formProperty(name: string, schema: PropertySchema, required: boolean, value: unknown): HalFormsProperty {
  const prompt = schema.title ?? name;
  const shown = value === undefined || value === null ? {} : { value: String(value) };
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) {
    return {
      name, prompt, required, type: 'number', ...shown,
      ...(schema.minimum !== undefined && { min: schema.minimum }),
      ...(schema.maximum !== undefined && { max: schema.maximum }),
      ...(types.includes('integer') && { step: 1 }),
    };
  }
  const lengths = {
    ...(schema.minLength !== undefined && { minLength: schema.minLength }),
    ...(schema.maxLength !== undefined && { maxLength: schema.maxLength }),
  };
  if (schema.writeOnly) return { name, prompt, required, type: 'password', ...lengths };
  // Long free text is a textarea; an email or URL stays its own type, however long it may be.
  if (!schema.format && (schema.maxLength ?? 0) > TEXTAREA_FROM) return { name, prompt, required, type: 'textarea', ...lengths, ...shown };
  const type = schema.format === 'email' ? 'email' : schema.format === 'uri' ? 'url' : 'text';
  return { name, prompt, required, type, ...lengths, ...(schema.pattern && { regex: schema.pattern }), ...shown };
}

/** HAL-FORMS `properties` for a body schema, optionally prefilled with current values. */
export function formProperties(schema: BodySchema, values: Record<string, unknown> = {}): HalFormsProperty[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties)
    .filter(([, property]) => !property.readOnly)
    .map(([name, property]) => formProperty(name, property, required.has(name), values[name]));
}

/** A HAL-FORMS template that sends a JSON body described by `schema`. */
export function jsonTemplate(
  method: string, target: string, title: string, schema?: BodySchema, values?: Record<string, unknown>,
): HalFormsTemplate {
  return {
    method, target, title, contentType: 'application/json',
    properties: schema ? formProperties(schema, values) : [],
  };
}
