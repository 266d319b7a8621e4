import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { traceFrom, type TraceContext } from '../core/trace-context.ts';
import type { Metrics } from './metrics.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's trace id (W3C Trace Context): in its log lines, `X-Request-Id` and 5xx problems. */
    id?: string;
    /** The action (affordance id) of the route that answers it, set by http/routing.ts: what logs and metrics name. */
    action?: string;
    /** Its trace, for the request context it then runs in (src/db/request-context.ts), where logs and outgoing requests find it. */
    trace?: TraceContext;
  }
}

export interface RequestObserverOptions {
  logger: Logger;
  metrics: Metrics;
  /** The action of a request no route answered (refused before routing, or no route at all): bounded names only. */
  actionOf(method: string, path: string): string;
  /** The level of the per-request line (`info`; the operations listener's scrapes: `debug`). */
  level?: 'info' | 'debug';
}

/**
 * API.md §13, for every request: continues its `traceparent` (or starts a trace) for the rest of the
 * request to run in (`req.trace`, carried by the request context), so every line it logs and every
 * request it sends names the trace; sends the trace id as `X-Request-Id`; once the response is done, logs one line — action, method, status,
 * duration, trace id; never the path, the query or a body, which may hold secrets (activation,
 * reset and confirmation links carry their token in the path) — and counts it in the metrics.
 */
export function observeRequests(options: RequestObserverOptions): RequestHandler {
  const { logger, metrics, actionOf } = options;
  const level = options.level ?? 'info';
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const { traceparent, tracestate } = req.headers;
    const trace = traceFrom(typeof traceparent === 'string' ? traceparent : undefined, typeof tracestate === 'string' ? tracestate : undefined);
    req.id = trace.traceId;
    req.trace = trace;
    res.setHeader('X-Request-Id', trace.traceId);
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const action = req.action ?? actionOf(req.method, req.path);
      const status = res.statusCode;
      metrics.request(action, status, seconds);
      if (!logger.isLevelEnabled(level)) return;
      const line = { action, method: req.method, status, ms: Math.round(seconds * 1e4) / 10, trace_id: trace.traceId };
      logger[level](res.writableFinished ? line : { ...line, aborted: true }, 'request');
    });
    next();
  };
}
