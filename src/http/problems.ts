import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../core/app-error.ts';
import { problemTypes, type ProblemSlug } from '../core/problem-catalog.ts';
import type { Uris } from '../core/uris.ts';
import { httpSettings } from './context.ts';
import { endThenClose } from './lingering-close.ts';

export const PROBLEM_JSON = 'application/problem+json';

/** The RFC 9457 document of a problem, as a string: absolute `type` (on PUBLIC_BASE_URL when set) and `instance`. */
export function problemBody(uris: Uris, error: AppError, instance: string): string {
  const type = problemTypes[error.slug];
  return JSON.stringify({
    type: uris.problem(error.slug),
    title: type.title,
    status: type.status,
    detail: error.detail,
    instance,
    ...(error.extra.errors && { errors: error.extra.errors }),
  });
}

/**
 * Writes an RFC 9457 problem document (never cached, never leaking internals). When the request's
 * body has not been read (refused before it was needed, such as a 413 on its Content-Length), or the
 * problem asks for it (a framing error), the connection is closed after the answer — a lingering
 * close, so the client reads the answer rather than a reset (lingering-close.ts).
 */
export function sendProblem(req: Request, res: Response, error: AppError): void {
  const { uris } = httpSettings(req);
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) res.setHeader(name, value);
  for (const name of ['ETag', 'Last-Modified', 'Content-Location', 'Location', 'Link']) res.removeHeader(name);
  res.setHeader('Cache-Control', 'no-store');
  const body = problemBody(uris, error, uris.absolute(req.path));
  res.status(error.status);
  if (req.complete && res.getHeader('Connection') !== 'close') return void res.type(PROBLEM_JSON).send(body);
  res.setHeader('Content-Type', `${PROBLEM_JSON}; charset=utf-8`);
  endThenClose(req, res, body);
}

/** body-parser and friends report with `type` and `status`; map those to problems. */
function fromHttpError(error: { type?: string; status?: number; expose?: boolean }): AppError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError('malformed-json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError('payload-too-large', 'The request body is larger than the 100 kB this resource accepts.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported-media-type', 'The request body\'s encoding or charset is not supported; send uncompressed UTF-8 JSON.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('bad-request', 'The request body was incomplete or inconsistent with its Content-Length.');
  }
  const status = error.status ?? 0;
  if (status < 400 || status >= 500) return undefined;
  const slug: ProblemSlug = status === 404 ? 'not-found' : status === 413 ? 'payload-too-large'
    : status === 415 ? 'unsupported-media-type' : 'bad-request';
  return new AppError(slug, problemTypes[slug].description);
}

export function notFoundHandler(): RequestHandler {
  return (req) => {
    throw new AppError('not-found', `Nothing exists at ${req.path}.`);
  };
}

/**
 * Every error becomes a problem: AppErrors as they are, body-parser's by their type, others by
 * `translate` (the app's reading of its dependencies' failures, such as an unreachable database:
 * 503), and anything left is a 500 that is logged.
 */
export function errorHandler(logger: Logger, translate: (error: unknown) => AppError | undefined = () => undefined): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = error instanceof AppError
      ? error
      : fromHttpError((error ?? {}) as { type?: string; status?: number }) ?? translate(error);
    if (problem) {
      if (problem.status >= 500) logger.warn({ err: error, reqId: req.id, status: problem.status }, 'request failed');
      if (res.headersSent) return void res.destroy();
      return sendProblem(req, res, problem);
    }
    logger.error({ err: error, reqId: req.id }, 'unexpected error');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendProblem(req, res, new AppError('internal-error', 'The server failed to handle this request. It has been logged.'));
  };
}
