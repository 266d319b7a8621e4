import type { Request, RequestHandler, Response, Router } from 'express';
import type { Method } from '../core/affordance.ts';
import { AppError } from '../core/app-error.ts';
import type { Caller } from '../core/caller.ts';
import { unauthorized } from '../core/policy.ts';
import { httpSettings } from './context.ts';

/** Where a handler answers: an affordance's method and path, and whether its policy needs a caller. */
export interface RouteSpec {
  readonly id: string;
  readonly method: Method;
  readonly path: { readonly pattern: string };
  readonly policy: { readonly signedIn: boolean };
}

/** The caller a handler gets: never null when the policy needs one (the router answered 401 before). */
export type CallerFor<S extends RouteSpec> = S['policy'] extends { readonly signedIn: true } ? Caller : Caller | null;

export interface Route {
  spec: RouteSpec;
  handler: RequestHandler;
}

/**
 * The handler of an affordance: `on(recipeAffordances.publish, (req, res, caller) => …)`. An anonymous
 * request for an affordance whose policy needs a caller is a 401 before the handler runs (API.md §3).
 */
export function on<S extends RouteSpec>(spec: S, handler: (req: Request, res: Response, caller: CallerFor<S>) => unknown): Route {
  return {
    spec,
    handler: async (req, res) => {
      req.action = spec.id;
      const caller = req.caller ?? null;
      if (caller === null && spec.policy.signedIn) throw unauthorized();
      await handler(req, res, caller as CallerFor<S>);
    },
  };
}

/** What logs and metrics call a request (API.md §13): an affordance id, or one of these fixed names. */
export const UNROUTED_ACTIONS = { options: 'options', methodNotAllowed: 'method-not-allowed', unknown: 'unknown' } as const;

/** The action a method and path would be answered by, for requests refused before routing (bounded: never the path). */
export type ActionOf = (method: string, path: string) => string;

/** Express's matching of a pattern (case-insensitive, one segment per parameter, an optional trailing slash). */
function matcher(pattern: string): RegExp {
  const source = pattern.split(/(:\w+)/).map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}/?$`, 'i');
}

/**
 * Registers routes, grouped by path: HEAD comes with GET, OPTIONS answers 204 with Allow, any other
 * method gets a 405 problem with Allow. GETs are retried once when their database connection was cut.
 * Returns the action of any method and path, for requests answered before (or without) a route.
 */
export function routes(router: Router, list: Route[]): ActionOf {
  const byPath = new Map<string, Route[]>();
  for (const route of list) byPath.set(route.spec.path.pattern, [...(byPath.get(route.spec.path.pattern) ?? []), route]);
  for (const [pattern, group] of byPath) {
    const methods = group.map((route) => route.spec.method);
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    const registered = router.route(pattern);
    for (const { spec, handler } of group) {
      const verb = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      registered[verb](spec.method === 'GET' ? retriedOnce(handler) : handler);
    }
    registered.options((req, res) => {
      req.action = UNROUTED_ACTIONS.options;
      res.setHeader('Allow', allow);
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
    });
    registered.all((req) => {
      req.action = UNROUTED_ACTIONS.methodNotAllowed;
      throw new AppError('method-not-allowed', `${req.method} is not supported here; allowed: ${allow}.`, { headers: { Allow: allow } });
    });
  }
  const matchers = [...byPath].map(([pattern, group]) => ({ pattern: matcher(pattern), group }));
  return (method, path) => {
    const group = matchers.find((candidate) => candidate.pattern.test(path))?.group;
    if (!group) return UNROUTED_ACTIONS.unknown;
    if (method === 'OPTIONS') return UNROUTED_ACTIONS.options;
    const wanted = method === 'HEAD' ? 'GET' : method;
    return group.find((route) => route.spec.method === wanted)?.spec.id ?? UNROUTED_ACTIONS.methodNotAllowed;
  };
}

/**
 * A read whose database connection was cut under it runs once more (on a fresh connection from the
 * pool) before its failure is answered (API.md §10). Only GET: reads change nothing, so a second
 * run is safe; only while nothing has been sent.
 */
function retriedOnce(handler: RequestHandler): RequestHandler {
  return async (req, res, next) => {
    try {
      await handler(req, res, next);
    } catch (error) {
      if (res.headersSent || !httpSettings(req).retryRead(error)) throw error;
      // Let the pool see the other cut connections' errors first, so the retry gets a live one.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await handler(req, res, next);
    }
  };
}
