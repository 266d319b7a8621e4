import type { Request } from 'express';
import type { Caller } from '../core/caller.ts';
import type { RenderContext } from '../core/representation.ts';
import type { Uris } from '../core/uris.ts';

/** What the generic HTTP layer needs from the app's configuration. */
export interface HttpSettings {
  uris: Uris;
  cacheMaxAge: number;
  /**
   * The purged shared cache (set with CACHE_PURGE_URL, API.md §8): the cache-tag header's name and the
   * CDN-Cache-Control max-age of what it may store. Unset: neither header is sent.
   */
  sharedCache?: { tagHeader: string; maxAge: number };
  /** The HTML browser page served for `text/html` on any resource, and its strong ETag. */
  htmlPage: { body: string; etag: string };
  /** Whether a failed GET may run once more (its database connection was cut under it). */
  retryRead(error: unknown): boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The authenticated caller, set by the auth middleware (null when anonymous). */
    caller?: Caller | null;
  }
}

export function httpSettings(req: Request): HttpSettings {
  return req.app.locals.http as HttpSettings;
}

export function renderContext(req: Request): RenderContext {
  return { uris: httpSettings(req).uris, caller: req.caller ?? null };
}
