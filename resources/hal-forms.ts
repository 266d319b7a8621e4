import type { HalFormsProperty, HalFormsTemplate, HalLink } from 'hal-types';
import { offered, type Action } from '../src/core/actions.ts';
import type { RenderContext } from '../src/core/representation.ts';

/** The subset of JSON Schema our body schemas use, as far as forms care. */
interface PropertySchema {
  readonly type?: string;
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

interface FormSchema {
  readonly properties: { readonly [name: string]: PropertySchema };
  readonly required?: readonly string[];
}

/** Strings that may be longer than this (a line of text) are offered as a textarea. */
const TEXTAREA_FROM = 255;


/** Turns one JSON Schema property into a HAL-FORMS property of a type ketting 8 understands. */
function formProperty(name: string, schema: PropertySchema, required: boolean, value: unknown): HalFormsProperty {
  const prompt = schema.title ?? name;
  const shown = value === undefined || value === null ? {} : { value: String(value) };
  if (schema.type === 'integer' || schema.type === 'number') {
    return {
      name, prompt, required, type: 'number', ...shown,
      ...(schema.minimum !== undefined && { min: schema.minimum }),
      ...(schema.maximum !== undefined && { max: schema.maximum }),
      ...(schema.type === 'integer' && { step: 1 }),
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
export function formProperties(schema: FormSchema, values: Record<string, unknown> = {}): HalFormsProperty[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties)
    .filter(([, property]) => !property.readOnly)
    .map(([name, property]) => formProperty(name, property, required.has(name), values[name]));
}

/** The template of an action, its target the action's path for `params`, prefilled with `values` (edit). */
export function templateOf(action: Action<never>, target: string, values?: Record<string, unknown>): HalFormsTemplate {
  const schema = action.body as FormSchema | undefined;
  return {
    method: action.method, target, title: action.title, contentType: 'application/json',
    properties: schema ? formProperties(schema, values) : [],
  };
}

/**
 * The templates of those `actions` the caller is offered for a resource in `state` (API.md: a
 * template appears exactly when the service would allow it), keyed by their names.
 */
export function templatesOf<State>(
  ctx: RenderContext, state: State, entries: Array<[Action<State>, string, Record<string, unknown>?]>,
): Record<string, HalFormsTemplate> {
  const templates: Record<string, HalFormsTemplate> = {};
  for (const [action, target, values] of entries) {
    if (offered(action, ctx.caller, state)) templates[action.name] = templateOf(action as Action<never>, target, values);
  }
  return templates;
}

/** A link for an action (edit-media) when the caller is offered it; undefined otherwise. */
export function actionLink<State>(ctx: RenderContext, state: State, action: Action<State>, href: string): Record<string, HalLink> {
  return offered(action, ctx.caller, state) ? { [action.name]: { href, title: action.title } } : {};
}
