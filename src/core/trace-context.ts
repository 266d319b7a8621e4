import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync } from 'node:crypto';

/**
 * W3C Trace Context (API.md §13), by hand: parsing `traceparent` is one regular expression and a few
 * rules, and a request pays for none of what OpenTelemetry's API and propagator would add around it
 * (a Context object and its span wrappers per request, and a second context manager).
 */
export interface TraceContext {
  /** 32 lowercase hex digits: what logs, `X-Request-Id` and 5xx problems name. */
  readonly traceId: string;
  /** This process's span for the work (16 hex digits): the parent-id of every request it sends. */
  readonly spanId: string;
  /** trace-flags, two hex digits (only the sampled bit is kept, as Trace Context level 1 asks). */
  readonly flags: string;
  /** The caller's `tracestate`, passed on unchanged. */
  readonly state: string | undefined;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
const MAX_TRACESTATE = 512;

/** Random ids from a pooled buffer: one randomFillSync per 256 requests instead of one per id. */
const pool = Buffer.allocUnsafe(4096);
let offset = pool.length;

function randomHex(bytes: number, zero: string): string {
  for (;;) {
    if (offset + bytes > pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    const hex = pool.toString('hex', offset, offset + bytes);
    offset += bytes;
    if (hex !== zero) return hex;
  }
}

/** The trace id, parent id and flags of a valid `traceparent` header, or undefined (then a new trace starts). */
export function parseTraceparent(header: string | undefined): { traceId: string; parentId: string; flags: string } | undefined {
  if (!header || header.length < 55) return undefined;
  const match = TRACEPARENT.exec(header);
  if (!match) return undefined;
  const [, version, traceId, parentId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  // Version ff is invalid; version 00 has exactly these four fields; a later version may append more.
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (traceId === ZERO_TRACE || parentId === ZERO_SPAN) return undefined;
  return { traceId, parentId, flags: (parseInt(flags, 16) & 1) === 1 ? '01' : '00' };
}

/** Continues the caller's trace when its `traceparent` is valid, else starts one (sampled: its id is logged). */
export function traceFrom(traceparent: string | undefined, tracestate?: string): TraceContext {
  const parent = parseTraceparent(traceparent);
  const spanId = randomHex(8, ZERO_SPAN);
  if (!parent) return { traceId: randomHex(16, ZERO_TRACE), spanId, flags: '01', state: undefined };
  const state = tracestate && tracestate.length <= MAX_TRACESTATE ? tracestate : undefined;
  return { traceId: parent.traceId, spanId, flags: parent.flags, state };
}

/** Traces run by this module (background work, tests); requests keep theirs in the database's request context. */
const storage = new AsyncLocalStorage<TraceContext>();
let alsoIn: () => TraceContext | undefined = () => undefined;

/**
 * Where else the current trace is kept: the request context every request already runs in (see
 * src/db/request-context.ts). One AsyncLocalStorage less per request: each one adds its own cost to
 * every promise the request creates (measured: about 0.2–0.4 µs per await on these machines).
 */
export function findTracesAlsoIn(lookup: () => TraceContext | undefined): void {
  alsoIn = lookup;
}

/** Runs `work` (and everything it starts) in a trace: logs and outgoing requests name it. */
export function runInTrace<T>(trace: TraceContext, work: () => T): T {
  return storage.run(trace, work);
}

/** The trace of the work running now, if any. */
export function currentTrace(): TraceContext | undefined {
  return storage.getStore() ?? alsoIn();
}

/**
 * The headers that carry the current trace to another service (a PURGE, an S3 request); outside of
 * any trace (background work) a new one is started, so that every request sent carries one.
 */
export function traceHeaders(trace: TraceContext = currentTrace() ?? traceFrom(undefined)): Record<string, string> {
  const traceparent = `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
  return trace.state ? { traceparent, tracestate: trace.state } : { traceparent };
}
