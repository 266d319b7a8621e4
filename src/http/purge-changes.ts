import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request, RequestHandler, Response } from 'express';
import type { CachePurger } from './cache-purge.ts';

/** URIs (absolute paths or URLs on PUBLIC_BASE_URL) to PURGE, and lists to BAN with any query. */
export interface PurgeList {
  purge?: string[];
  ban?: string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const noted = new AsyncLocalStorage<{ purge: string[]; ban: string[] }>();

/**
 * From anywhere inside a write request (a route, or a domain hook wired in services.ts): these
 * changed too, e.g. an image file its headers do not name. Purged with the change's own URIs;
 * does nothing when purging is off or outside a write request.
 */
export function purgeAlso(change: PurgeList): void {
  const store = noted.getStore();
  store?.purge.push(...change.purge ?? []);
  store?.ban.push(...change.ban ?? []);
}

function header(res: Response, name: string): string[] {
  const value = res.getHeader(name);
  return value === undefined ? [] : Array.isArray(value) ? value : [String(value)];
}

/** The targets of `Link: <uri>; rel="invalidates"` entries. */
export function invalidatesLinks(link: string): string[] {
  const uris: string[] = [];
  for (const [, uri, params] of link.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i.exec(params ?? '');
    if ((rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).includes('invalidates')) uris.push(uri!);
  }
  return uris;
}

/** What a successful unsafe request changed (RFC 9111 §4.4; a recipe write's invalidates links, API.md §5, purged per §8), plus what was noted. */
function changes(req: Request, res: Response, extra: { purge: string[]; ban: string[] }) {
  return {
    purge: [req.path, ...header(res, 'Content-Location'), ...header(res, 'Location'), ...extra.purge],
    ban: [...header(res, 'Link').flatMap(invalidatesLinks), ...extra.ban],
  };
}

/**
 * Purges what every successful (2xx) unsafe request changed BEFORE its response is written: it
 * holds back `res.end` (which send, json, sendStatus and end itself all come down to) until the
 * purger is done; headers are not written before then. Mount only when a purger is configured.
 */
export function purgeChanges(purger: CachePurger): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const extra = { purge: [] as string[], ban: [] as string[] };
    const end = res.end as (...args: unknown[]) => Response;
    res.end = function heldBackEnd(...args: unknown[]): Response {
      res.end = end as Response['end'];
      const write = () => {
        if (!res.writableEnded) end.apply(res, args);
      };
      if (res.statusCode < 200 || res.statusCode >= 300) {
        write();
        return res;
      }
      const purged = purger.invalidate(changes(req, res, extra));
      if (res.headersSent) write(); // streamed: too late to hold back, purge alongside
      else purged.then(write, write);
      return res;
    } as Response['end'];
    noted.run(extra, next);
  };
}
