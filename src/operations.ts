import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { Uris } from './core/uris.ts';
import { inRequestContext } from './db/request-context.ts';
import type { HttpSettings } from './http/context.ts';
import { observeRequests } from './http/logging.ts';
import { NO_METRICS } from './http/metrics.ts';
import { METRICS_PATH } from './http/operations-paths.ts';
import { errorHandler, notFoundHandler } from './http/problems.ts';
import { routes } from './http/routing.ts';
import { healthRoutes } from './routes/health.routes.ts';
import type { Services } from './services.ts';

export interface OperationsListener {
  url: string;
  close(): Promise<void>;
}

/**
 * The operations listener (API.md §13): `GET /metrics` (Prometheus text format), `/health` and
 * `/health/ready` on HOST:METRICS_PORT, for a scraper and probes on the private network; the public
 * port never serves /metrics. Its requests carry `X-Request-Id` too; their log lines are at debug
 * level (a scrape every 15 s is not news) and they are not counted in the API's own metrics.
 */
export async function listenOperations(config: Config & { metricsPort: number }, logger: Logger, services: Services): Promise<OperationsListener> {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.locals.http = { uris: new Uris(config.publicBaseUrl) } as HttpSettings; // problems need only the URIs
  app.use(observeRequests({ logger, metrics: NO_METRICS, actionOf: () => 'operations', level: 'debug' }));
  app.use((req, _res, next) => inRequestContext(services.orm.em, next, req.trace));
  const router = express.Router();
  router.get(METRICS_PATH, async (_req, res) => {
    const { contentType, body } = await services.metrics.exposition();
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', contentType);
    res.send(body);
  });
  routes(router, healthRoutes(services.readiness));
  app.use(router);
  app.use(notFoundHandler());
  app.use(errorHandler(logger));

  const server = http.createServer({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
