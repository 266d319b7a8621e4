import type { RequestHandler, Router } from 'express';
import { AppError } from '../problem-types.ts';
import { httpSettings } from './context.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type RouteHandlers = Partial<Record<Method, RequestHandler | RequestHandler[]>>;

/**
 * Declares a resource's methods in one place: HEAD comes with GET, OPTIONS answers 204 with
 * Allow, and any other method gets a 405 problem with Allow.
 */
export function resource(router: Router, path: string, handlers: RouteHandlers): void {
  const methods = Object.keys(handlers) as Method[];
  const allow = [...methods.map((m) => m.toUpperCase()), ...(methods.includes('get') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const route = router.route(path);
  for (const method of methods) {
    const chain = handlers[method]!;
    const list = Array.isArray(chain) ? chain : [chain];
    route[method](...(method === 'get' ? list.map(retriedOnce) : list));
  }
  route.options((_req, res) => {
    res.setHeader('Allow', allow);
    res.setHeader('Cache-Control', 'no-store');
    res.status(204).end();
  });
  route.all((req) => {
    throw new AppError('method-not-allowed', `${req.method} is not supported here; allowed: ${allow}.`, { headers: { Allow: allow } });
  });
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
