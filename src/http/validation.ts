import type { ErrorObject } from 'ajv';
import type { Request, RequestHandler } from 'express';
import { validatorFor, type JsonSchemaDocument } from '../../schemas/ajv.ts';
import type { ValidatedBy } from '../../schemas/index.ts';
import { AppError, type FieldError } from '../core/app-error.ts';
import { textErrors } from './json-checks.ts';
import { describeMember, memberName, problemOf, summary } from './validation-messages.ts';

const HAL_MEMBERS = ['_links', '_embedded', '_templates'];

function pointerOf(error: ErrorObject, prefix: string): string {
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  const extra = params.additionalProperty ?? params.missingProperty;
  return prefix + error.instancePath + (extra === undefined ? '' : `/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

/** ajv's errors as field errors written for people, one per member and problem. */
function fieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors ?? []) {
    const pointer = pointerOf(error, prefix);
    const fieldError = { pointer, detail: describeMember(pointer, problemOf(error)) };
    const key = `${fieldError.pointer}\0${fieldError.detail}`;
    if (!seen.has(key)) result.push(fieldError);
    seen.add(key);
  }
  return result;
}

/** Texts PostgreSQL cannot store as sent (NUL, lone surrogates) are refused, never altered. */
function rejectBadText(value: unknown, slug: 'validation-failed' | 'invalid-query', prefix = ''): void {
  const errors = textErrors(value, prefix).map((e) => ({ pointer: e.pointer, detail: describeMember(e.pointer, e.detail) }));
  if (errors.length > 0) throw new AppError(slug, summary(errors.map((e) => e.detail), slug === 'invalid-query' ? 'query' : 'body'), { errors });
}

/**
 * A NUL in the path names nothing (404); one in the query is a bad parameter (400). Never a 500.
 * (A query cannot carry a lone surrogate: invalid UTF-8 decodes to U+FFFD.)
 */
export const rejectNulInUrl: RequestHandler = (req, _res, next) => {
  if (!req.originalUrl.includes('%00') && !req.originalUrl.includes('\0')) return next();
  if (/%00/.test(req.path) || req.path.includes('\0')) throw new AppError('not-found', 'Nothing exists at this path.');
  rejectBadText(Object.fromEntries(new URLSearchParams(req.originalUrl.split('?')[1] ?? '')), 'invalid-query', '/query');
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
 * Reads and validates a JSON body against its schema; the result's type is the one that schema
 * validates (ValidatedBy). HAL's own members are ignored; anything else the schema does not allow is a 422.
 * A missing body validates as `{}`. `normalize` (the schema's own, such as recipeBody) runs before validation.
 */
export function parseBody<S extends JsonSchemaDocument>(req: Request, schema: S, normalize?: (raw: unknown) => unknown): ValidatedBy<S> {
  if (hasBody(req) && !isJson(req)) {
    throw new AppError('unsupported-media-type', 'Send the body as application/json.');
  }
  const raw: unknown = hasBody(req) ? req.body : {};
  return validBody(normalize ? normalize(raw) : raw, schema);
}

/** Validates a parsed body (JSON, or an HTML form's fields) against its schema, as parseBody does. */
export function validBody<S extends JsonSchemaDocument>(raw: unknown, schema: S): ValidatedBy<S> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AppError('validation-failed', 'The body must be a JSON object.', { errors: [{ pointer: '', detail: 'the body must be an object' }] });
  }
  const body = Object.fromEntries(Object.entries(raw).filter(([key]) => !HAL_MEMBERS.includes(key)));
  rejectBadText(body, 'validation-failed');
  const validate = validatorFor(schema);
  if (!validate(body)) {
    const errors = fieldErrors(validate.errors);
    throw new AppError('validation-failed', summary(errors.map((e) => e.detail), 'body'), { errors });
  }
  return body as never;
}

interface QuerySchemaShape {
  readonly properties: Readonly<Record<string, { readonly type?: unknown }>>;
}

/** A decimal integer parameter's value, when it is one (larger than JavaScript can hold exactly: kept as text). */
function integerValue(value: string): number | string {
  return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

/**
 * Reads the query string against a schema: unknown and repeated parameters are errors, integer
 * parameters are converted from their decimal text. Errors point at `/query/<name>` and the
 * detail names every parameter that is wrong and why.
 */
export function parseQuery<S extends JsonSchemaDocument & QuerySchemaShape>(req: Request, schema: S): ValidatedBy<S> {
  const search = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  const known = Object.keys(schema.properties);
  for (const [name, value] of search) {
    const pointer = `/query/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (name in values) {
      errors.push({ pointer, detail: `${name} must not be repeated` });
      continue;
    }
    if (!known.includes(name)) {
      errors.push({ pointer, detail: `${name} is not a parameter of this resource (it takes ${known.join(', ')})` });
      values[name] = value;
      continue;
    }
    values[name] = schema.properties[name]?.type === 'integer' ? integerValue(value) : value;
  }
  const validate = validatorFor(schema);
  if (!validate(values)) {
    errors.push(...fieldErrors(validate.errors, '/query').filter((e) => known.includes(memberName(e.pointer))));
  }
  if (errors.length > 0) {
    throw new AppError('invalid-query', summary(errors.map((e) => e.detail), 'query'), { errors });
  }
  return values as never;
}

/** A body parser that runs only for requests that carry a body (GET and HEAD skip it entirely). */
export function withBodyOnly(parser: RequestHandler): RequestHandler {
  return (req, res, next) => (hasBody(req) ? parser(req, res, next) : next());
}
