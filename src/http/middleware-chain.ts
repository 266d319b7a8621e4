import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs middleware in order as one Express layer: every request passes all of them, so Express's
 * per-layer path matching and bookkeeping would be pure overhead (the profile's `router/next`).
 * Errors, thrown or rejected, go to Express's error handling as from any layer.
 */
export function chain(handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let index = 0;
    const next = (error?: unknown) => {
      if (error !== undefined && error !== 'route') return done(error);
      const handler = handlers[index++];
      if (!handler) return done();
      try {
        const outcome: unknown = handler(req, res, next);
        if (outcome instanceof Promise) outcome.catch(done);
      } catch (thrown) {
        done(thrown);
      }
    };
    next();
  };
}
