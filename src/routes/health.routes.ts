import type { Request, Response } from 'express';
import { documentAffordances } from '../../resources/document.affordances.ts';
import { on, type Route } from '../http/routing.ts';
import { AppError } from '../core/app-error.ts';
import { noneMatch, strongEtag } from '../http/etag.ts';

const CHECK_TIMEOUT_MS = 3000;

/** The dependencies readiness checks, by name: each resolves when it answers. */
export type Readiness = Record<string, () => Promise<void>>;

/** A check's answer: never stored, but with a strong ETag like every GET 200 (API.md §8), so a revalidation is a 304. */
function sendStatus(req: Request, res: Response, body: object): void {
  const json = JSON.stringify(body);
  const etag = strongEtag('application/json', json);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('ETag', etag);
  if (noneMatch(req.get('If-None-Match'), etag)) return void res.status(304).end();
  res.type('application/json').send(json);
}

async function answers(check: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS); })]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Which of the dependencies answer now, by name (also read by the readiness metric, API.md §13). */
export async function readinessOf(readiness: Readiness): Promise<Record<string, boolean>> {
  const names = Object.keys(readiness);
  const up = await Promise.all(names.map((name) => answers(readiness[name]!)));
  return Object.fromEntries(names.map((name, i) => [name, up[i]!]));
}

/**
 * Liveness and readiness (API.md §10). Readiness is 503 while the database, or a configured Redis or
 * object store, does not answer: a load balancer then sends this instance nothing until it does.
 */
export function healthRoutes(readiness: Readiness): Route[] {
  return [
    on(documentAffordances.health, (req, res) => sendStatus(req, res, { status: 'ok' })),
    on(documentAffordances.ready, async (req, res) => {
      const up = await readinessOf(readiness);
      const names = Object.keys(up);
      const down = names.filter((name) => !up[name]);
      if (down.length > 0) {
        throw new AppError('service-unavailable', `Not reachable: ${down.join(', ')}.`, { headers: { 'Retry-After': '5' } });
      }
      sendStatus(req, res, { status: 'ready', ...Object.fromEntries(names.map((name) => [name, 'up'])) });
    }),
  ];
}
