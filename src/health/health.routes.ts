import { Router, type Response } from 'express';
import { resource } from '../http/routing.ts';
import { AppError } from '../problem-types.ts';

const PING_TIMEOUT_MS = 3000;

function sendStatus(res: Response, body: object): void {
  res.setHeader('Cache-Control', 'no-store');
  res.type('application/json').send(JSON.stringify(body));
}

/** Liveness and readiness (API.md §10). Readiness is 503 while the database does not answer. */
export function healthRoutes(ping: () => Promise<void>): Router {
  const router = Router();
  resource(router, '/health', { get: (_req, res) => sendStatus(res, { status: 'ok' }) });
  resource(router, '/health/ready', {
    get: async (_req, res) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          ping(),
          new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS); }),
        ]);
      } catch {
        throw new AppError('service-unavailable', 'The database is not reachable.', { headers: { 'Retry-After': '5' } });
      } finally {
        clearTimeout(timer);
      }
      sendStatus(res, { status: 'ready', database: 'up' });
    },
  });
  return router;
}
