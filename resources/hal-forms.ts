import type { HalLink } from 'hal-types';
import type { Affordance } from '../src/core/affordance.ts';
import { offered } from '../src/core/policy.ts';
import type { RenderContext } from '../src/core/representation.ts';
import { formProperties, type FormProperty, type FormSchema } from './form-properties.ts';

export type { FormProperty } from './form-properties.ts';

/** A HAL-FORMS template (API.md §1); `contentType` only where a body is sent. */
export interface FormTemplate {
  method: string;
  target: string;
  title: string;
  contentType?: string;
  properties: FormProperty[];
}

/** A GET form over an affordance's query schema, offered under a name of its own (`search`). */
export interface QueryForm {
  name: string;
  title: string;
  /** Query parameters that are not form fields (`page`: a search starts at the first page). */
  omit: readonly string[];
}

/**
 * The template of an affordance: its target (no query: HAL Explorer appends `?…` to a GET target as
 * it is, so current values travel in the properties), prefilled with `values` (edit, search).
 */
export function templateOf(affordance: Affordance<never>, target: string, values?: Record<string, unknown>, query?: QueryForm): FormTemplate {
  if (query) {
    const schema = affordance.query as FormSchema | undefined;
    return { method: 'GET', target, title: query.title, properties: schema ? formProperties(schema, values, 'query', query.omit) : [] };
  }
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
  query?: QueryForm;
}

export function form<State>(affordance: Affordance<State>, state: State, target: () => string, values?: () => Record<string, unknown>): Form<State> {
  return { affordance, state, target, ...(values && { values }) };
}

/**
 * The GET form of an affordance's query (the `search` template on the entry point and the collections, API.md §2, §6),
 * offered by the affordance's own policy.
 */
export function queryForm<State>(
  affordance: Affordance<State>, state: State, query: QueryForm, target: () => string, values?: () => Record<string, unknown>,
): Form<State> {
  return { ...form(affordance, state, target, values), query };
}

/** Whether the caller is offered a form (API.md: a template appears exactly when the service would allow it, by the same policy). */
export function isOffered(ctx: RenderContext, candidate: Form<unknown>): boolean {
  return offered(candidate.affordance.policy, ctx.caller, candidate.state);
}

/** The templates of the forms the caller is offered, keyed by their names. */
export function templatesOf(ctx: RenderContext, forms: ReadonlyArray<Form<unknown>>): Record<string, FormTemplate> {
  const templates: Record<string, FormTemplate> = {};
  for (const candidate of forms) {
    if (isOffered(ctx, candidate)) {
      const name = candidate.query?.name ?? candidate.affordance.name;
      templates[name] = templateOf(candidate.affordance as Affordance<never>, candidate.target(), candidate.values?.(), candidate.query);
    }
  }
  return templates;
}

/** A link for an affordance (edit-media) when the caller is offered it; nothing otherwise. */
export function affordanceLink<State>(ctx: RenderContext, state: State, affordance: Affordance<State>, href: string): Record<string, HalLink> {
  return offered(affordance.policy, ctx.caller, state) ? { [affordance.name]: { href, title: affordance.title } } : {};
}
