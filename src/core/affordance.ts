import type { PathPattern } from './paths.ts';
import type { Policy } from './policy.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What an action's body must satisfy: a JSON Schema of schemas/ (its `$id` names the /schemas/… document). */
export interface BodySchema {
  readonly $id: string;
  readonly title: string;
  readonly properties: { readonly [name: string]: object };
  readonly required?: readonly string[];
  readonly [keyword: string]: unknown;
}

/**
 * One thing a client may do, as HTTP shows it (a link or a template of docs/API.md): declared once per resource type in
 * `resources/*.affordances.ts`. The router registers `method` on `path` (and answers 401 when the
 * policy needs a caller), the Resource offers the template or link named `name` exactly when the
 * policy offers it, and the service enforces the same policy.
 */
export interface Affordance<State = void, P extends Policy<State> = Policy<State>> {
  /** Unique among all affordances: what logs and metrics call it (`login`, `publish`, `recipe`, …). */
  readonly id: string;
  /** The template's name (or the link relation: `edit-media`, `self`). */
  readonly name: string;
  readonly method: Method;
  readonly path: PathPattern;
  readonly title: string;
  readonly body?: BodySchema;
  /** What its query may hold (a listing's parameters): validated by the route, offered as a GET form (`search`). */
  readonly query?: BodySchema;
  /** The domain rule that decides who may, and when it is offered. */
  readonly policy: P;
  /**
   * A browser's navigation (`text/html` ranked first) gets this route's own answer instead of the
   * explorer page (API.md §9): images, schemas, problem types, health, the pages of emailed links.
   */
  readonly ownBrowserAnswer?: boolean;
}

/** The state a policy looks at. */
export type StateOf<P> = P extends Policy<infer State> ? State : never;

/** Declares an affordance; its state type is its policy's, and its body keeps its schema's type (for `parseBody`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any policy; the state is inferred from it
export function affordance<P extends Policy<any>, B extends BodySchema | undefined = undefined>(
  declaration: Affordance<StateOf<P>, P> & { readonly body?: B },
): Affordance<StateOf<P>, P> & { readonly body: B } {
  return declaration as Affordance<StateOf<P>, P> & { readonly body: B };
}
