import type { RequestHandler } from 'express';

/**
 * The headers a middleware such as helmet sets on every response, read once at start by running it
 * on a stand-in response: answers written outside Express (Node's parser errors) carry them too.
 */
export function headersSetBy(middleware: RequestHandler): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name] = String(value);
      return res;
    },
    removeHeader(name: string) {
      delete headers[name];
    },
    getHeader: (name: string) => headers[name],
  };
  middleware({ headers: {}, method: 'GET', url: '/' } as never, res as never, () => undefined);
  return headers;
}

/** Sets headers computed once (helmet's, read by headersSetBy) on every response: a loop, nothing recomputed per request. */
export function staticHeaders(headers: Record<string, string>): RequestHandler {
  const entries = Object.entries(headers);
  return (_req, res, next) => {
    for (const [name, value] of entries) res.setHeader(name, value);
    next();
  };
}
