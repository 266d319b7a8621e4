import type { HalFormsProperty, HalFormsTemplate, HalLink } from 'hal-types';
import type { Affordance } from '../src/core/affordance.ts';
import { offered } from '../src/core/policy.ts';
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

/** The template of an affordance, its target the affordance's path for `params`, prefilled with `values` (edit). */
export function templateOf(affordance: Affordance<never>, target: string, values?: Record<string, unknown>): HalFormsTemplate {
  const schema = affordance.body as FormSchema | undefined;
  return {
    method: affordance.method, target, title: affordance.title, contentType: 'application/json',
    properties: schema ? formProperties(schema, values) : [],
  };
}

/**
 * A template a Resource may offer: the affordance, the state its policy looks at, and its target and
 * prefilled values, which are built only when the caller is offered it (a 304 builds none).
 */
export interface Form<State> {
  affordance: Affordance<State>;
  state: State;
  target: () => string;
  values?: () => Record<string, unknown>;
}

export function form<State>(affordance: Affordance<State>, state: State, target: () => string, values?: () => Record<string, unknown>): Form<State> {
  return { affordance, state, target, ...(values && { values }) };
}

/** Whether the caller is offered a form (API.md: a template appears exactly when the service would allow it, by the same policy). */
export function isOffered(ctx: RenderContext, candidate: Form<unknown>): boolean {
  return offered(candidate.affordance.policy, ctx.caller, candidate.state);
}

/** The templates of the forms the caller is offered, keyed by their names. */
export function templatesOf(ctx: RenderContext, forms: ReadonlyArray<Form<unknown>>): Record<string, HalFormsTemplate> {
  const templates: Record<string, HalFormsTemplate> = {};
  for (const candidate of forms) {
    if (isOffered(ctx, candidate)) {
      templates[candidate.affordance.name] = templateOf(candidate.affordance as Affordance<never>, candidate.target(), candidate.values?.());
    }
  }
  return templates;
}

/** A link for an affordance (edit-media) when the caller is offered it; nothing otherwise. */
export function affordanceLink<State>(ctx: RenderContext, state: State, affordance: Affordance<State>, href: string): Record<string, HalLink> {
  return offered(affordance.policy, ctx.caller, state) ? { [affordance.name]: { href, title: affordance.title } } : {};
}
