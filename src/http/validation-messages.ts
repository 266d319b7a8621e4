import type { ErrorObject } from 'ajv';

/**
 * ajv's errors, written for people (API.md §1): the member's name, what is wrong, and the allowed
 * values or bounds — never ajv's own "must be integer,null". Needs ajv's `verbose` option (the
 * failing schema is read for `nullable` and for a pattern's description).
 */

interface FailingSchema {
  nullable?: boolean;
  description?: string;
  title?: string;
}

const ARTICLES: Record<string, string> = {
  integer: 'an integer', number: 'a number', string: 'a string', boolean: 'true or false', object: 'an object', array: 'an array',
};

const FORMATS: Record<string, string> = {
  email: 'an email address', 'date-time': 'a date and time (RFC 3339)', uri: 'an absolute URI',
};

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** What is wrong, without the member's name: "must be one of asc, desc". */
export function problemOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as FailingSchema;
  switch (error.keyword) {
    case 'type': {
      const type = String(params.type);
      return `must be ${ARTICLES[type] ?? type}${parent.nullable ? ' or null' : ''}`;
    }
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'minimum':
      return `must be at least ${String(params.limit)}`;
    case 'maximum':
      return `must be at most ${String(params.limit)}`;
    case 'minLength':
      return Number(params.limit) === 1 ? 'must not be empty' : `must be at least ${plural(Number(params.limit), 'character')} long`;
    case 'maxLength':
      return `must be at most ${plural(Number(params.limit), 'character')} long`;
    case 'pattern':
      // The description's first clause: up to a ";" or a sentence's "." (one followed by a space or the end), never a quoted "." in it.
      return parent.description ? `must be ${parent.description.replace(/(?:;|\.(?=\s|$)).*$/s, '')}` : 'does not have the required form';
    case 'format':
      return `must be ${FORMATS[String(params.format)] ?? `a valid ${String(params.format)}`}`;
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not allowed here (unknown or read-only)';
    default:
      return error.message ?? 'is invalid';
  }
}

/** The last segment of a JSON Pointer, unescaped: the member's name ("" for the whole body). */
export function memberName(pointer: string): string {
  const last = pointer.split('/').pop() ?? '';
  return last.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** "name must be at most 100 characters long"; the body itself is "the body". */
export function describeMember(pointer: string, problem: string): string {
  const name = memberName(pointer);
  return `${name === '' ? 'the body' : name} ${problem}`;
}

/** A problem's detail from its field errors: one sentence naming every member that is wrong. */
export function summary(details: string[], where: 'query' | 'body'): string {
  if (details.length === 1) {
    const [detail] = details as [string];
    if (where === 'query') return `Query parameter ${detail}.`;
    return detail.startsWith('the body') ? `The${detail.slice(3)}.` : `The body's ${detail}.`;
  }
  return `The ${where} has ${details.length} problems: ${details.join('; ')}.`;
}
