import { AppError } from './app-error.ts';
import type { Caller } from './caller.ts';

/**
 * Who may do one thing to a resource in a given state: a domain rule (`src/<domain>/*.policies.ts`),
 * read by three parties so they cannot disagree: the router (401 before any work when `signedIn`),
 * the Resource (the template or link appears exactly when `offered()` holds) and the service
 * (`authorize()` before the work).
 */
export interface Policy<State = void> {
  /** Only an authenticated caller may: anonymous callers get 401 (with `WWW-Authenticate`), never 403. */
  readonly signedIn: boolean;
  /** Permission: may this caller do it to a resource in this state? */
  allows(caller: Caller | null, state: State): boolean;
  /**
   * Beyond permission, whether offering it makes sense now: publishing a recipe that is published
   * already is allowed (idempotent, a retry never fails) but would change nothing, so it is not offered.
   */
  useful?(caller: Caller | null, state: State): boolean;
  /** Why `allows` refuses an authenticated caller (the 403's detail). */
  readonly refusal?: string;
}

/** A policy whose callers are authenticated: the router and `authorize` refuse anonymous ones with 401. */
export interface SignedInPolicy<State = void> extends Policy<State> {
  readonly signedIn: true;
}

type Rule<State> = Omit<Policy<State>, 'signedIn'>;

/** A rule anyone may pass, signed in or not (reads, registration, login). */
export function open<State = void>(rule: Rule<State>): Policy<State> {
  return { signedIn: false, ...rule };
}

/** A rule for authenticated callers only; `allows` is asked only with a caller. */
export function signedIn<State = void>(rule: Omit<Rule<State>, 'allows'> & { allows?(caller: Caller, state: State): boolean } = {}): SignedInPolicy<State> {
  const allows = rule.allows ?? (() => true);
  return { ...rule, signedIn: true, allows: (caller, state) => caller !== null && allows(caller, state) };
}

export const REALM = 'Bearer realm="smilecook"';

/** The 401 of an action that needs an access token (API.md §3: `WWW-Authenticate: Bearer`). */
export function unauthorized(): AppError {
  return new AppError('unauthorized', 'This action needs an access token: log in and send "Authorization: Bearer <access token>".', {
    headers: { 'WWW-Authenticate': REALM },
  });
}

/** Whether a representation offers the action to this caller: allowed, and of use. */
export function offered<State>(policy: Policy<State>, caller: Caller | null, state: State): boolean {
  return policy.allows(caller, state) && (policy.useful?.(caller, state) ?? true);
}

/**
 * The service's check before it does the work: exactly the predicate that decided the template.
 * Anonymous callers of a signed-in policy get 401, other refusals 403.
 */
export function authorize<State>(policy: SignedInPolicy<State>, caller: Caller | null, state: State): asserts caller is Caller;
export function authorize<State>(policy: Policy<State>, caller: Caller | null, state: State): void;
export function authorize<State>(policy: Policy<State>, caller: Caller | null, state: State): void {
  if (caller === null && policy.signedIn) throw unauthorized();
  if (!policy.allows(caller, state)) throw new AppError('forbidden', policy.refusal ?? 'You may not do this.');
}
