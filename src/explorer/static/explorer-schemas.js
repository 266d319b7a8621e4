/**
 * JSON Schemas from /schemas/… are the single source of what a form accepts: enums become
 * dropdowns, integers number inputs with the schema's bounds. Each schema is fetched once per
 * page load; renderers read the resolved ones synchronously (load() awaits them first).
 */
import { request, safeUrl } from './explorer-http.js';

const pending = new Map();
const resolved = new Map();

/** Fetches a schema (once per page load); resolves to the schema or null. */
export function loadSchema(href) {
  const url = href ? safeUrl(new URL(href, location.href).href) : null;
  if (!url) return Promise.resolve(null);
  if (!pending.has(url)) {
    pending.set(url, request(url, { auth: false, accept: 'application/schema+json, application/json;q=0.9' })
      .then((res) => (res.ok && res.body && typeof res.body === 'object' ? res.body : null))
      .catch(() => null)
      .then((schema) => { resolved.set(url, schema); return schema; }));
  }
  return pending.get(url);
}

/** A schema that loadSchema has already fetched, or null. */
export function schemaNow(href) {
  const url = href ? safeUrl(new URL(href, location.href).href) : null;
  return (url && resolved.get(url)) ?? null;
}

/** The target of `Link: <…>; rel="profile"` (API.md §1: the schema of what the resource's unsafe methods accept). */
export function profileHref(headers) {
  const value = headers?.get('Link') ?? '';
  for (const [, href, params] of value.matchAll(/<([^>]*)>([^,]*)/g)) {
    const rel = /;\s*rel="?([^";]*)"?/i.exec(params)?.[1] ?? '';
    if (rel.split(/\s+/).includes('profile')) return href;
  }
  return null;
}

/** A URI or URI template without its query expressions (`{?…}`, `{&…}`) and query string. */
function pathOf(href) {
  const bare = String(href).replace(/\{[?&][^}]*\}/g, '').replace(/\?.*$/, '');
  try {
    return decodeURIComponent(new URL(safeUrl(new URL(bare, location.href).href) ?? bare, location.href).pathname);
  } catch {
    return null;
  }
}

/**
 * THE mapping from a collection URI (or URI template) to the schema of its query. Templated
 * links carry no schema link, and a collection's own profile names the body of its `create`
 * template, not its query; the API publishes the query schemas by id under the fixed path
 * /schemas/<id> (API.md §9). So the explorer's one piece of URL knowledge lives here: the path,
 * without its query expression, says which collection it is. A link with a `profile` wins.
 */
const QUERY_SCHEMAS = [
  [/^\/recipes$/, 'recipes-query'],
  [/^\/users\/[^/]+\/recipes$/, 'user-recipes-query'],
];

export function querySchemaHref(href, linkProfile) {
  if (typeof linkProfile === 'string') return linkProfile;
  const path = pathOf(href);
  const id = path ? QUERY_SCHEMAS.find(([pattern]) => pattern.test(path))?.[1] : undefined;
  return id ? new URL(`/schemas/${id}`, location.href).href : null;
}

/** Whether two URIs (or templates) name the same path: a search form on its own results page. */
export const samePath = (a, b) => pathOf(a) !== null && pathOf(a) === pathOf(b);

const isNumeric = (schema) => schema?.type === 'integer' || schema?.type === 'number';

/** One schema property as a HAL-FORMS property (the shape explorer-fields renders). */
export function schemaProperty(name, schema = {}, required = false) {
  const property = { name, prompt: schema.title ?? name, required };
  if (Array.isArray(schema.enum)) return { ...property, options: { inline: schema.enum.map(String) } };
  if (isNumeric(schema)) {
    return { ...property, type: 'number', min: schema.minimum, max: schema.maximum,
      step: schema.type === 'integer' ? 1 : 'any', nullable: schema.nullable === true };
  }
  return { ...property, type: 'text', maxLength: schema.maxLength, minLength: schema.minLength };
}

/**
 * A template property completed from the schema that describes it: what the template leaves
 * out (options for an enum, number bounds, nullable) comes from the schema; what it says stays.
 */
export function withSchema(property, schema) {
  const described = schema?.properties?.[property?.name];
  if (!described) return property;
  const from = schemaProperty(property.name, described);
  const merged = { ...property };
  if (from.options && !property.options) merged.options = from.options;
  if (from.type === 'number') {
    merged.type = property.type && property.type !== 'text' ? property.type : 'number';
    for (const key of ['min', 'max', 'step', 'nullable']) merged[key] ??= from[key];
  }
  merged.maxLength ??= from.maxLength;
  merged.prompt ??= from.prompt;
  return merged;
}
