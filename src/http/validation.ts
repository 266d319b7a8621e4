import type { ErrorObject } from 'ajv';
import type { Request, RequestHandler } from 'express';
import { validatorFor, type JsonSchemaDocument } from '../../schemas/ajv.ts';
import { AppError, type FieldError } from '../problem-types.ts';

const HAL_MEMBERS = ['_links', '_embedded', '_templates'];

function pointerOf(error: ErrorObject, prefix = ''): string {
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  const extra = params.additionalProperty ?? params.missingProperty;
  return prefix + error.instancePath + (extra === undefined ? '' : `/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

function detailOf(error: ErrorObject): string {
  const params = error.params as { additionalProperty?: string };
  if (error.keyword === 'additionalProperties') return `"${params.additionalProperty}" is not allowed here (unknown or read-only)`;
  return error.message ?? 'is invalid';
}

function fieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors ?? []) {
    const fieldError = { pointer: pointerOf(error, prefix), detail: detailOf(error) };
    const key = `${fieldError.pointer}\0${fieldError.detail}`;
    if (!seen.has(key)) result.push(fieldError);
    seen.add(key);
  }
  return result;
}

/** Pointers to every string in a value that holds a NUL character (PostgreSQL text cannot store one). */
function nulPointers(value: unknown, pointer = ''): string[] {
  if (typeof value === 'string') return value.includes('\0') ? [pointer] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(key.includes('\0') ? [pointer] : []),
    ...nulPointers(inner, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  ]);
}

function rejectNul(value: unknown, slug: 'validation-failed' | 'invalid-query', prefix = ''): void {
  const pointers = nulPointers(value);
  if (pointers.length === 0) return;
  const errors = pointers.map((pointer) => ({ pointer: prefix + pointer, detail: 'must not contain NUL characters' }));
  throw new AppError(slug, 'Text may not contain NUL characters.', { errors });
}

/** A NUL in the path names nothing (404); one in the query is a bad parameter (400). Never a 500. */
export const rejectNulInUrl: RequestHandler = (req, _res, next) => {
  if (/%00/.test(req.path) || req.path.includes('\0')) throw new AppError('not-found', 'Nothing exists at this path.');
  const query = Object.fromEntries(new URLSearchParams(req.originalUrl.split('?')[1] ?? ''));
  rejectNul(query, 'invalid-query', '/query');
  next();
};

/** Whether the request carries a body at all. */
export function hasBody(req: Request): boolean {
  return req.get('Transfer-Encoding') !== undefined || Number(req.get('Content-Length') ?? 0) > 0;
}

/** Whether the Content-Type is JSON (`application/json` or `application/*+json`). */
export function isJson(req: Request): boolean {
  return Boolean(req.is(['application/json', 'application/*+json']));
}

/**
 * Reads and validates a JSON body against its schema. HAL's own members are ignored; anything
 * else the schema does not allow is a 422. A missing body validates as `{}`. Name the type
 * from the schema's FromSchema type: `parseBody<RecipeCreate>(req, recipeCreateSchema)`.
 */
export function parseBody<T>(req: Request, schema: JsonSchemaDocument): T {
  if (hasBody(req) && !isJson(req)) {
    throw new AppError('unsupported-media-type', 'Send the body as application/json.');
  }
  const raw: unknown = hasBody(req) ? req.body : {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AppError('validation-failed', 'The body must be a JSON object.', { errors: [{ pointer: '', detail: 'must be object' }] });
  }
  const body = Object.fromEntries(Object.entries(raw).filter(([key]) => !HAL_MEMBERS.includes(key)));
  rejectNul(body, 'validation-failed');
  const validate = validatorFor(schema);
  if (!validate(body)) {
    throw new AppError('validation-failed', 'The body does not match the schema of this resource.', { errors: fieldErrors(validate.errors) });
  }
  return body as T;
}

interface QuerySchemaShape {
  readonly properties: Record<string, { readonly type?: unknown }>;
}

/**
 * Reads the query string against a schema: unknown and repeated parameters are errors, integer
 * parameters are converted from their decimal text. Errors point at `/query/<name>`.
 */
export function parseQuery<T>(req: Request, schema: JsonSchemaDocument & QuerySchemaShape): T {
  const search = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [name, value] of search) {
    if (name in values) {
      errors.push({ pointer: `/query/${name}`, detail: 'must not be repeated' });
      continue;
    }
    const type = schema.properties[name]?.type;
    values[name] = type === 'integer' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  }
  const validate = validatorFor(schema);
  if (!validate(values)) errors.push(...fieldErrors(validate.errors, '/query'));
  if (errors.length > 0) {
    throw new AppError('invalid-query', 'The query string has parameters this resource does not accept.', { errors });
  }
  return values as T;
}
