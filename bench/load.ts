import autocannon from 'autocannon';
import type { LoadRequest } from './discovery.ts';

export interface LoadResult {
  /** Answers with the expected status per second. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  /** Connection errors, timeouts and answers with another status than expected. */
  errors: number;
  statuses: Record<string, number>;
}

export interface LoadOptions { duration: number; connections: number }

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Drives one request with autocannon for a fixed time. Latencies are those of the answers with the
 * expected status, kept exactly (autocannon's own histogram has whole milliseconds).
 */
export async function load(request: LoadRequest, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let unexpected = 0;
  let turn = 0;
  const bodies = request.bodies;
  const instance = autocannon({
    url: request.url,
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined && { body: request.body }),
    // Rotates the bodies (e.g. logins of many accounts), one per request.
    ...(bodies && { requests: [{ setupRequest: (req) => ({ ...req, body: bodies[turn++ % bodies.length] }) }] }),
    connections: options.connections,
    duration: options.duration,
    pipelining: 1,
    timeout: 10,
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status === request.expect) latencies.push(ms);
    else unexpected++;
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  return {
    rps: latencies.length / result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    requests: latencies.length + unexpected,
    // Not one answer in the whole run: every connection's request is counted as failed.
    errors: Math.max(result.errors + result.timeouts + unexpected, latencies.length + unexpected === 0 ? options.connections : 0),
    statuses,
  };
}
