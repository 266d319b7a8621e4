import express, { type Express } from 'express';
import helmet from 'helmet';
import { RequestContext } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { Uris } from '../resources/uris.ts';
import { compileSchemas } from '../schemas/index.ts';
import type { Config } from './config.ts';
import type { Services } from './services.ts';
import { databaseProblem, isRetryableRead } from './db/database-errors.ts';
import { explorerPage, explorerRoutes } from './explorer/explorer.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { authenticate } from './http/auth.ts';
import { rejectOversizedBody, type BodyLimits } from './http/body-limits.ts';
import { createCachePurger } from './http/cache-purge.ts';
import type { HttpSettings } from './http/context.ts';
import { cors } from './http/cors.ts';
import { requestLogger } from './http/logging.ts';
import { rejectDeepJson } from './http/json-checks.ts';
import { rejectNulInUrl } from './http/validation.ts';
import { errorHandler, notFoundHandler } from './http/problems.ts';
import { purgeChanges } from './http/purge-changes.ts';
import { requireAcceptable } from './http/representation.ts';
import { MULTIPART_OVERHEAD } from './http/upload-body.ts';
import { MAX_IMAGE_BYTES } from './images/image-processing.ts';
import { docsRoutes } from './root/docs.routes.ts';
import { rootRoutes } from './root/root.routes.ts';

export const API_VERSION = '1.0.0';
/** API.md §10 and §7: JSON bodies up to 100 kB; uploads up to 5 MiB of image plus the multipart envelope. */
export const BODY_LIMITS: BodyLimits = { json: 100 * 1024, upload: MAX_IMAGE_BYTES + MULTIPART_OVERHEAD };

/** helmet with the API's policy; also read once by server.ts for answers written outside Express. */
export function securityHeaders(config: Config) {
  return helmet({
    contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null, 'script-src': ["'self'"], 'img-src': ["'self'", 'data:', 'blob:'], 'connect-src': ["'self'"] } },
    crossOriginResourcePolicy: { policy: config.corsOrigins.length > 0 ? 'cross-origin' : 'same-origin' },
  });
}

/** Builds the Express application (no listening: see server.ts). */
export function createApp(config: Config, logger: Logger, services: Services): Express {
  compileSchemas();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  const http: HttpSettings = {
    uris: new Uris(config.publicBaseUrl), cacheMaxAge: config.cacheMaxAge, htmlPage: explorerPage, retryRead: isRetryableRead,
  };
  app.locals.http = http;

  app.use(requestLogger(logger, ['/activation/']));
  const purger = createCachePurger(config, logger);
  if (purger) app.use(purgeChanges(purger)); // API.md §8: every change purges the shared cache before it answers
  app.use(securityHeaders(config));
  app.use(cors(config.corsOrigins));
  app.use(rejectNulInUrl);
  app.use(rejectOversizedBody(BODY_LIMITS));
  app.use(services.rateLimits.perClient);
  app.use(requireAcceptable);
  app.use((req, res, next) => RequestContext.create(services.orm.em, next));
  app.use(express.json({ limit: BODY_LIMITS.json, type: ['application/json', 'application/*+json'], inflate: false }));
  app.use(rejectDeepJson);
  app.use(authenticate(services.verifyAccessToken));
  app.use(services.rateLimits.routes);

  app.use(healthRoutes(services.readiness));
  app.use(docsRoutes());
  app.use(explorerRoutes());
  app.use(rootRoutes(API_VERSION, services.rootForms));
  for (const router of services.routers) app.use(router);

  app.use(notFoundHandler());
  app.use(errorHandler(logger, databaseProblem));
  return app;
}
