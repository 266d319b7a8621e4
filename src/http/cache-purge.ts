import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import { traceHeaders } from '../core/trace-context.ts';

/**
 * Invalidation of a shared cache by cache tags (API.md §8): `PURGE` with `xkey-purge: <keys>` soft-purges
 * every stored object tagged with one of the keys (every Accept, Origin, … variant of every URL that
 * showed them), so they are fetched again — conditionally, with their ETag — on the next request, or
 * served stale while the origin is down. The VCL that understands it is deploy/varnish/smilecook.vcl
 * (vmod xkey). Requests go to the origin of CACHE_PURGE_URL with the Host of PUBLIC_BASE_URL, run in
 * parallel, each gives up after `timeoutMs`; a failure is logged and never thrown.
 */
export interface CachePurger {
  /** Soft-purges every object tagged with one of `keys` (src/core/cache-keys.ts). */
  purgeKeys(keys: readonly string[]): Promise<void>;
}

export interface CachePurgeSettings {
  cachePurgeUrl: string | undefined;
  publicBaseUrl: string | undefined;
  /** Per request; 2 s unless a test says otherwise. */
  timeoutMs?: number;
}

export const PURGE_TIMEOUT_MS = 2000;
/** The purge request's header naming the keys (the VCL reads it). */
export const PURGE_KEYS_HEADER = 'xkey-purge';
/** Keys per request stay well under Varnish's header limits (http_req_hdr_len, 8 kB). */
const MAX_KEYS_BYTES = 4000;

/** The keys in batches whose space-separated list fits one header. */
export function keyBatches(keys: readonly string[]): string[] {
  const batches: string[] = [];
  let batch = '';
  for (const key of new Set(keys)) {
    if (batch && batch.length + 1 + key.length > MAX_KEYS_BYTES) {
      batches.push(batch);
      batch = '';
    }
    batch = batch ? `${batch} ${key}` : key;
  }
  if (batch) batches.push(batch);
  return batches;
}

/** What is told of each request sent, once it is answered or given up (API.md §13 metrics: purges sent and failed). */
export type PurgeCounter = (method: 'PURGE', failed: boolean) => void;

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

  const send = (keys: string) => new Promise<void>((resolve) => {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (error?: string, status?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      counted('PURGE', error !== undefined);
      if (error) logger.warn({ method: 'PURGE', keys, status, ms: Date.now() - started, error }, 'cache purge failed');
      resolve();
    };
    try {
      const headers = { ...(host && { Host: host }), [PURGE_KEYS_HEADER]: keys, ...traceHeaders() };
      const request = client.request(new URL('/', cache.origin), { method: 'PURGE', headers }, (response) => {
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

  return {
    async purgeKeys(keys) {
      await Promise.all(keyBatches(keys).map(send));
    },
  };
}
