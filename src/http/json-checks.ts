import type { RequestHandler } from 'express';
import { AppError, type FieldError } from '../core/app-error.ts';

/** API.md §10: deeper JSON bodies are refused before anything walks them. */
export const MAX_JSON_DEPTH = 32;

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string PostgreSQL can store and that reads back as sent: no NUL, no lone UTF-16 surrogate. */
function textProblem(text: string): string | undefined {
  if (text.includes('\0')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired surrogates (invalid Unicode)';
  return undefined;
}

/** How deep a parsed JSON value nests (iterative: no recursion a hostile body could exhaust). */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const inner of Object.values(current)) stack.push([inner, depth + 1]);
  }
  return deepest;
}

/** Field errors for every text (member names included) that PostgreSQL cannot store faithfully. */
export function textErrors(value: unknown, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<[unknown, string]> = [[value, prefix]];
  while (stack.length > 0) {
    const [current, pointer] = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) errors.push({ pointer, detail: problem });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    for (const [key, inner] of Object.entries(current)) {
      const keyProblem = textProblem(key);
      if (keyProblem) errors.push({ pointer, detail: `member names ${keyProblem}` });
      stack.push([inner, `${pointer}/${escapePointer(key)}`]);
    }
  }
  return errors.reverse();
}

const CHARSET = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;
const JSON_TYPE = /^\s*application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Mounted before the JSON parser: JSON is UTF-8 (RFC 8259 §8.1, API.md §10). A JSON body declared in
 * any other charset (UTF-16, UTF-7, Latin-1, …) is a 415, never decoded: UTF-7 in particular slips
 * past filters that read UTF-8. A JSON type without a charset is UTF-8.
 */
export const rejectNonUtf8Json: RequestHandler = (req, _res, next) => {
  const type = req.headers['content-type'] ?? '';
  if (!JSON_TYPE.test(type)) return next();
  const match = CHARSET.exec(type);
  const charset = match ? (match[1] ?? match[2] ?? '') : 'utf-8';
  if (charset.toLowerCase() !== 'utf-8') {
    throw new AppError('unsupported-media-type', `JSON bodies are UTF-8 (RFC 8259); this one is declared as charset=${charset.slice(0, 40)}. `
      + 'Send it as UTF-8, with charset=utf-8 or without a charset.');
  }
  next();
};

/** Mounted right after the JSON parser: a body nested too deeply is a 400 on every route, before any route reads it. */
export const rejectDeepJson: RequestHandler = (req, _res, next) => {
  if (req.body !== null && typeof req.body === 'object' && depthOf(req.body) > MAX_JSON_DEPTH) {
    throw new AppError('body-too-deep', `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  next();
};
