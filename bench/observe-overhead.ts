/**
 * `npm run bench:observe-overhead [-- requests]`: what the tracing, logs and metrics of API.md §13 add to
 * every request, timed in isolation (one process, a tight loop: far less exposed to the machine's other
 * work than a load test): the trace (traceparent read, ids, X-Request-Id), the end-of-response hook with its log line
 * (at the bench's level, `warn`, and at `info` into a discarding stream) and the metrics (prom-client:
 * counter and histogram by action). Real Node request and response objects; nothing is sent.
 */
import http from 'node:http';
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { observeRequests } from '../src/http/logging.ts';
import { createMetrics, NO_METRICS, type Metrics } from '../src/http/metrics.ts';
import { createLogger } from '../src/logger.ts';

const requests = Number(process.argv[2] ?? 200_000);
const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
const sources = {
  actions: ['recipes', 'recipe'], outbox: async () => ({ depth: 0, oldestAgeSeconds: 0 }),
  pool: () => ({ inUse: 0, idle: 0, waiting: 0, max: 1 }), readiness: async () => ({}),
};

function run(label: string, metrics: Metrics | null, level: string): number {
  const observe = metrics && observeRequests({ logger: createLogger(level, discard), metrics, actionOf: () => 'unknown' });
  const next = (() => undefined) as NextFunction;
  const socket = new Socket();
  const started = process.cpuUsage();
  for (let i = 0; i < requests; i += 1) {
    const req = new http.IncomingMessage(socket) as unknown as Request;
    req.method = 'GET';
    req.url = '/recipes';
    req.headers = { accept: 'application/hal+json', ...(i % 2 === 0 && { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }) };
    const res = new http.ServerResponse(req) as unknown as Response;
    (res as unknown as { statusCode: number }).statusCode = i % 3 === 0 ? 304 : 200;
    if (observe) {
      observe(req, res, next);
      (req as { action?: string }).action = i % 2 === 0 ? 'recipes' : 'recipe';
      res.emit('close');
    }
  }
  const used = process.cpuUsage(started);
  const perRequest = (used.user + used.system) / requests;
  console.log(`${label.padEnd(48)} ${perRequest.toFixed(2)} µs/request`);
  return perRequest;
}

for (let round = 0; round < 3; round += 1) {
  console.log(`round ${round + 1}, ${requests} requests each`);
  const base = run('request and response objects alone', null, 'warn');
  const trace = run('+ trace, X-Request-Id, log hook (warn: no line)', NO_METRICS, 'warn');
  const withLine = run('+ the log line at info (into a discarding stream)', NO_METRICS, 'info');
  const all = run('+ metrics (METRICS_PORT set), log at warn', createMetrics(sources), 'warn');
  console.log(`  added: trace ${(trace - base).toFixed(2)} µs, log line ${(withLine - trace).toFixed(2)} µs, metrics ${(all - trace).toFixed(2)} µs`);
}
