import { AppError } from './app-error.ts';
import type { Caller } from './caller.ts';
import type { PathPattern } from './paths.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What an action's body must satisfy: a JSON Schema of schemas/ (its `$id` names the /schemas/… document). */
export interface BodySchema {
  readonly $id: string;
  readonly title: string;
  readonly properties: { readonly [name: string]: object };
  readonly required?: readonly string[];
}

/**
 * One thing a client may do to a resource in a given state (API.md §2–§7). Declared once per
 * resource type (`src/<domain>/*.actions.ts`) and read by three parties, so they cannot disagree:
 * the router registers `method` on `path`, the Resource offers the template or link exactly when
 * `offered()` holds, and the service calls `authorize()` with the same predicate before the work.
 */
export interface Action<State = void> {
  /** The template's name (or the link relation, for edit-media). */
  readonly name: string;
  readonly method: Method;
  readonly path: PathPattern;
  readonly title: string;
  readonly body?: BodySchema;
  /** Permission: may this caller do it to a resource in this state? Enforced by the service. */
  allows(caller: Caller | null, state: State): boolean;
  /**
   * Beyond permission, whether offering it makes sense now: publishing a recipe that is published
   * already is allowed (idempotent, a retry never fails) but would change nothing, so it is not offered.
   */
  useful?(caller: Caller | null, state: State): boolean;
  /** Why `allows` refuses an authenticated caller (the 403's detail). */
  readonly refusal?: string;
}

export function action<State = void>(declaration: Action<State>): Action<State> {
  return declaration;
}

/** Whether a representation offers the action to this caller: allowed, and of use. */
export function offered<State>(action: Action<State>, caller: Caller | null, state: State): boolean {
  return action.allows(caller, state) && (action.useful?.(caller, state) ?? true);
}

/** The service's check before it does the work: exactly the predicate that decided the template. */
export function authorize<State>(action: Action<State>, caller: Caller | null, state: State): void {
  if (!action.allows(caller, state)) throw new AppError('forbidden', action.refusal ?? `You may not ${action.title.toLowerCase()}.`);
}
