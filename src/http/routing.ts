import type { RequestHandler, Router } from 'express';
import { AppError } from '../problem-types.ts';

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
    route[method](...(Array.isArray(chain) ? chain : [chain]));
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
