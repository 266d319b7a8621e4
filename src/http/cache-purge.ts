import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import { traceHeaders } from '../core/trace-context.ts';

/**
 * Invalidation of a shared cache (API.md §8): `PURGE <path>` drops every variant (every Accept,
 * Origin, …) of one URL; `BAN <path>` with `X-Ban-Url: <regex>` drops a list with any query.
 * The VCL that understands both is deploy/varnish/smilecook.vcl. Requests go to the origin of
 * CACHE_PURGE_URL with the Host of PUBLIC_BASE_URL, run in parallel, each gives up after
 * `timeoutMs`; a failure is logged and never thrown.
 */
export interface CachePurger {
  /** PURGE each URI (absolute paths, or absolute URLs on PUBLIC_BASE_URL). */
  purge(uris: string[]): Promise<void>;
  /** BAN each list URI with any query: `^/recipes(\?.*)?$`. */
  ban(listUris: string[]): Promise<void>;
  /** Both at once, in parallel, for one change (a URI that a ban covers is not purged as well). */
  invalidate(change: { purge: string[]; ban: string[] }): Promise<void>;
}

export interface CachePurgeSettings {
  cachePurgeUrl: string | undefined;
  publicBaseUrl: string | undefined;
  /** Per request; 2 s unless a test says otherwise. */
  timeoutMs?: number;
}

export const PURGE_TIMEOUT_MS = 2000;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regex a BAN sends for a list path: that path with any query, nothing else. */
export function listPattern(path: string): string {
  return `^${escapeRegex(path)}(\\?.*)?$`;
}

/** The app's path of a URI it wrote (absolute path or URL on the public base), without query; undefined for other origins. */
export function appPath(uri: string, publicBaseUrl: string | undefined): string | undefined {
  let path: string | undefined;
  if (uri.startsWith('/') && !uri.startsWith('//')) path = uri;
  else if (publicBaseUrl && (uri === publicBaseUrl || uri.startsWith(publicBaseUrl + '/'))) path = uri.slice(publicBaseUrl.length) || '/';
  return path?.split(/[?#]/)[0];
}

/** What is told of each request sent, once it is answered or given up (API.md §13 metrics: purges sent and failed). */
export type PurgeCounter = (method: 'PURGE' | 'BAN', failed: boolean) => void;

/**
 * The purger for a configuration; null without CACHE_PURGE_URL (then nothing is done at all). Each
 * request carries the `traceparent` of the change that sent it (API.md §13).
 */
export function createCachePurger(settings: CachePurgeSettings, logger: Logger, counted: PurgeCounter = () => undefined): CachePurger | null {
  if (!settings.cachePurgeUrl) return null;
  const cache = new URL(settings.cachePurgeUrl);
  const client = cache.protocol === 'https:' ? https : http;
  const host = settings.publicBaseUrl ? new URL(settings.publicBaseUrl).host : undefined;
  const timeoutMs = settings.timeoutMs ?? PURGE_TIMEOUT_MS;

  const send = (method: 'PURGE' | 'BAN', path: string, banUrl?: string) => new Promise<void>((resolve) => {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (error?: string, status?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      counted(method, error !== undefined);
      if (error) logger.warn({ method, path, banUrl, status, ms: Date.now() - started, error }, 'cache purge failed');
      resolve();
    };
    try {
      const headers = { ...(host && { Host: host }), ...(banUrl && { 'X-Ban-Url': banUrl }), ...traceHeaders() };
      const request = client.request(new URL(path, cache.origin), { method, headers }, (response) => {
        const status = response.statusCode ?? 0;
        response.on('end', () => finish(status >= 200 && status < 300 ? undefined : `the cache answered ${status}`, status));
        response.on('error', (error) => finish(error.message, status));
        response.resume();
      });
      timer = setTimeout(() => {
        finish(`no answer within ${timeoutMs} ms`);
        request.destroy();
      }, timeoutMs);
      request.on('error', (error) => finish(error.message));
      request.end();
    } catch (error) {
      finish(error instanceof Error ? error.message : String(error));
    }
  });

  const paths = (uris: string[]) => [...new Set(uris.map((uri) => appPath(uri, settings.publicBaseUrl)).filter((p) => p !== undefined))];
  const purge = (list: string[]) => list.map((path) => send('PURGE', path));
  const ban = (list: string[]) => list.map((path) => send('BAN', path, listPattern(path)));
  return {
    async purge(uris) {
      await Promise.all(purge(paths(uris)));
    },
    async ban(listUris) {
      await Promise.all(ban(paths(listUris)));
    },
    async invalidate(change) {
      const banned = paths(change.ban);
      await Promise.all([...purge(paths(change.purge).filter((path) => !banned.includes(path))), ...ban(banned)]);
    },
  };
}
