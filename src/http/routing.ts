import type { RequestHandler, Router } from 'express';
import type { Method } from '../core/actions.ts';
import { AppError } from '../core/app-error.ts';
import { httpSettings } from './context.ts';

/** Where a handler answers: an action's method and path (or any such pair, for fixed documents). */
export interface RouteSpec {
  readonly method: Method;
  readonly path: { readonly pattern: string };
}

export interface Route {
  spec: RouteSpec;
  handlers: RequestHandler[];
}

/** A handler for an action (or a plain GET): `on(recipeActions.publish, handler)`. */
export function on(spec: RouteSpec, ...handlers: RequestHandler[]): Route {
  return { spec, handlers };
}

/** A GET of a fixed path (documents, health): `read(fixedPaths.health, handler)`. */
export function read(path: { readonly pattern: string }, ...handlers: RequestHandler[]): Route {
  return on({ method: 'GET', path }, ...handlers);
}

/**
 * Registers routes, grouped by path: HEAD comes with GET, OPTIONS answers 204 with Allow, any other
 * method gets a 405 problem with Allow. GETs are retried once when their database connection was cut.
 */
export function routes(router: Router, list: Route[]): void {
  const byPath = new Map<string, Route[]>();
  for (const route of list) byPath.set(route.spec.path.pattern, [...(byPath.get(route.spec.path.pattern) ?? []), route]);
  for (const [pattern, group] of byPath) {
    const methods = group.map((route) => route.spec.method);
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    const registered = router.route(pattern);
    for (const { spec, handlers } of group) {
      const verb = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      registered[verb](...(spec.method === 'GET' ? handlers.map(retriedOnce) : handlers));
    }
    registered.options((_req, res) => {
      res.setHeader('Allow', allow);
      res.setHeader('Cache-Control', 'no-store');
      res.status(204).end();
    });
    registered.all((req) => {
      throw new AppError('method-not-allowed', `${req.method} is not supported here; allowed: ${allow}.`, { headers: { Allow: allow } });
    });
  }
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
