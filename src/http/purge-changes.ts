import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler, Response } from 'express';
import type { CachePurger } from './cache-purge.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const noted = new AsyncLocalStorage<Set<string>>();

/**
 * From anywhere inside a write request (a route, or a domain hook wired in services.ts): the cache
 * tags of every answer this change may alter — built by src/core/cache-keys.ts (`changeKeys`), never
 * written by hand. They are soft-purged when the change succeeds, before it is answered. Does nothing
 * when purging is off or outside a write request. A change that purges nothing names nothing (a draft).
 */
export function purgeKeys(keys: readonly string[]): void {
  const store = noted.getStore();
  for (const key of keys) store?.add(key);
}

/** How long after a change its keys are purged once more (see purgeChanges). */
export const PURGE_REPEAT_MS = 2000;

/**
 * Purges what every successful (2xx) unsafe request named with `purgeKeys` BEFORE its response is
 * written (API.md §8): it holds back `res.end` (which send, json, sendStatus and end itself all come
 * down to) until the purger is done; headers are not written before then. Mount only when a purger
 * is configured.
 *
 * The same keys are purged once more `repeatAfterMs` later, without holding anything: a read that the
 * origin answered before the change committed but that reached the cache after the purge (a purge
 * cannot touch an object still being fetched) would otherwise stay for CACHE_SHARED_MAX_AGE. Reads
 * slower than that are not covered. 0: no repeat.
 */
export function purgeChanges(purger: CachePurger, options: { repeatAfterMs?: number } = {}): RequestHandler {
  const repeatAfterMs = options.repeatAfterMs ?? PURGE_REPEAT_MS;
  const repeat = (keys: string[]) => {
    if (repeatAfterMs > 0) setTimeout(() => void purger.purgeKeys(keys), repeatAfterMs).unref();
  };
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const keys = new Set<string>();
    const end = res.end as (...args: unknown[]) => Response;
    res.end = function heldBackEnd(...args: unknown[]): Response {
      res.end = end as Response['end'];
      const write = () => {
        if (!res.writableEnded) end.apply(res, args);
      };
      if (res.statusCode < 200 || res.statusCode >= 300 || keys.size === 0) {
        write();
        return res;
      }
      const named = [...keys];
      const purged = purger.purgeKeys(named).finally(() => repeat(named));
      if (res.headersSent) write(); // streamed: too late to hold back, purge alongside
      else purged.then(write, write);
      return res;
    } as Response['end'];
    noted.run(keys, next);
  };
}
