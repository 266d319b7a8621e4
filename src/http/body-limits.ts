import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../core/app-error.ts';

/** The largest body each kind of request may carry: JSON, or an image upload (API.md §1, §7, §10). */
export interface BodyLimits {
  /** JSON (and anything that is not an upload). */
  json: number;
  /** Raw images and multipart/form-data uploads, envelope included. */
  upload: number;
}

const UPLOAD_TYPE = /^\s*(image\/[\w.+-]+|multipart\/form-data)\s*(;|$)/i;

/** The limit for a request, by its Content-Type. */
export function limitFor(req: IncomingMessage, limits: BodyLimits): number {
  return UPLOAD_TYPE.test(req.headers['content-type'] ?? '') ? limits.upload : limits.json;
}

/** Whether the declared Content-Length already exceeds what the request may carry. */
export function declaresTooMuch(req: IncomingMessage, limits: BodyLimits): boolean {
  const declared = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(declared) && declared > limitFor(req, limits);
}

/**
 * A Content-Length over the limit is refused at once (413, `Connection: close`: the rest of the body
 * is never read), before rate limits, parsing or authentication spend anything on it. With
 * `Expect: 100-continue` the server has not sent `100 Continue` for such a request (src/server.ts).
 */
export function rejectOversizedBody(limits: BodyLimits): RequestHandler {
  return (req, _res, next) => {
    if (!declaresTooMuch(req, limits)) return next();
    throw new AppError('payload-too-large', `The request body is larger than the ${limitFor(req, limits)} bytes this request may carry.`);
  };
}
