import type { Response } from 'express';

/** RateLimit-Policy and RateLimit fields (draft-ietf-httpapi-ratelimit-headers-11: structured-field Lists). */

function sfString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

function appendItem(res: Response, field: string, item: string): void {
  const current = res.getHeader(field);
  res.setHeader(field, current === undefined ? item : `${String(current)}, ${item}`);
}

/** `RateLimit-Policy: "name";q=<quota>;w=<window seconds>` */
export function addQuotaPolicy(res: Response, name: string, quota: number, windowSeconds: number): void {
  appendItem(res, 'RateLimit-Policy', `${sfString(name)};q=${quota};w=${windowSeconds}`);
}

const GUARDED = Symbol('rateLimitPublicGuard');
type Guarded = Response & { [GUARDED]?: true };

/**
 * `RateLimit: "name";r=<available>;t=<seconds>`. A response marked `public` loses this field
 * when its head is written (a shared cache would replay one client's count to everybody);
 * RateLimit-Policy, the same for all, stays.
 */
export function addServiceLimit(res: Response, name: string, remaining: number, resetSeconds: number): void {
  appendItem(res, 'RateLimit', `${sfString(name)};r=${remaining};t=${resetSeconds}`);
  const guarded = res as Guarded;
  if (guarded[GUARDED]) return;
  guarded[GUARDED] = true;
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (/(?:^|,)\s*public\b/i.test(String(this.getHeader('Cache-Control') ?? ''))) this.removeHeader('RateLimit');
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response['writeHead'];
}
