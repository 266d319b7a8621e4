import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { Uris } from './core/uris.ts';
import { compileSchemas } from '../schemas/index.ts';
import type { Config } from './config.ts';
import type { Services } from './services.ts';
import { databaseProblem, isRetryableRead } from './db/database-errors.ts';
import { inRequestContext } from './db/request-context.ts';
import { authenticate } from './http/auth.ts';
import { rejectOversizedBody, type BodyLimits } from './http/body-limits.ts';
import { createCachePurger } from './http/cache-purge.ts';
import type { HttpSettings } from './http/context.ts';
import { cors } from './http/cors.ts';
import { chain } from './http/middleware-chain.ts';
import { strongEtag } from './http/etag.ts';
import { HTML } from './http/negotiate.ts';
import { observeRequests } from './http/logging.ts';
import { rejectDeepJson, rejectNonUtf8Json } from './http/json-checks.ts';
import { rejectUnframeable } from './http/framing.ts';
import { rejectNulInUrl } from './http/validation.ts';
import { errorHandler, notFoundHandler } from './http/problems.ts';
import { purgeChanges } from './http/purge-changes.ts';
import { requireAcceptable } from './http/representation.ts';
import { routes, UNROUTED_ACTIONS, type ActionOf } from './http/routing.ts';
import { notOnThePublicPort } from './http/operations-paths.ts';
import { headersSetBy, staticHeaders } from './http/security-headers.ts';
import { withBodyOnly } from './http/validation.ts';
import { MULTIPART_OVERHEAD } from './http/upload-body.ts';
import { MAX_IMAGE_BYTES } from './images/image-processing.ts';
import { allAffordances } from '../resources/affordances.ts';
import { notForBrowserNavigation } from '../resources/document.affordances.ts';
import { browserNavigation } from './http/browser-navigation.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { explorer, ownBrowserAnswer } from './routes/explorer.routes.ts';

export const API_VERSION = '1.0.0';
/** The explorer's files: src/explorer/static, or dist/explorer/static in the bundle (npm run build copies them). */
const EXPLORER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'explorer', 'static');
/** API.md §10 and §7: JSON bodies up to 100 kB; uploads up to 5 MiB of image plus the multipart envelope. */
export const BODY_LIMITS: BodyLimits = { json: 100 * 1024, upload: MAX_IMAGE_BYTES + MULTIPART_OVERHEAD };

/** helmet with the API's policy; also read once by server.ts for answers written outside Express. */
export function securityHeaders(config: Config) {
  return helmet({
    contentSecurityPolicy: {
      directives: { 'upgrade-insecure-requests': null, 'script-src': ['\'self\''], 'img-src': ['\'self\'', 'data:', 'blob:'], 'connect-src': ['\'self\''] },
    },
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
  const uris = new Uris(config.publicBaseUrl);
  const browser = explorer(EXPLORER_DIR);
  const http: HttpSettings = {
    uris, cacheMaxAge: config.cacheMaxAge, retryRead: isRetryableRead,
    htmlPage: { body: browser.page, etag: strongEtag(HTML, browser.page) },
    // API.md §8: cache tags and CDN-Cache-Control only for a cache that this app purges.
    ...(config.cachePurgeUrl && { sharedCache: { tagHeader: config.cacheTagHeader, maxAge: config.cacheSharedMaxAge } }),
  };
  app.locals.http = http;

  const purger = createCachePurger(config, logger, (method, failed) => services.metrics.purge(method, failed));
  let actionOf: ActionOf = () => UNROUTED_ACTIONS.unknown; // set once the routes are registered, below
  // Every request passes these, in this order (one Express layer: see http/middleware-chain.ts).
  app.use(chain([
    // API.md §13: the trace, X-Request-Id, one log line (never the path: links carry tokens) and the metrics.
    observeRequests({ logger, metrics: services.metrics, actionOf: (method, path) => actionOf(method, path) }),
    (req, _res, next) => inRequestContext(services.orm.em, next, req.trace), // the database's request context, and the trace
    // API.md §8: every change purges the shared cache before it answers (and once more a moment later).
    ...(purger ? [purgeChanges(purger, { repeatAfterMs: config.cachePurgeRepeatMs })] : []),
    staticHeaders(headersSetBy(securityHeaders(config))),
    rejectUnframeable, // API.md §10: one Host, no transfer coding but chunked
    cors(config.corsOrigins),
    notOnThePublicPort, // /metrics: a 404 problem here, whatever the Accept (API.md §13)
    rejectNulInUrl,
    rejectOversizedBody(BODY_LIMITS),
    services.rateLimits.perClient,
    browserNavigation(http.htmlPage, ownBrowserAnswer(allAffordances, notForBrowserNavigation)), // API.md §9: the explorer on every URL
    requireAcceptable,
    withBodyOnly(rejectNonUtf8Json),
    withBodyOnly(express.json({ limit: BODY_LIMITS.json, type: ['application/json', 'application/*+json'], inflate: false })),
    rejectDeepJson,
    authenticate(services.verifyAccessToken),
    services.rateLimits.routes,
  ]));

  // One router for every route: a request walks one list of paths, not one router per domain.
  const router = express.Router();
  const { recipes, images, users, tokens, account, readiness } = services;
  actionOf = routes(router, apiRoutes({ recipes, images, users, tokens, account, readiness, uris, version: API_VERSION, logger, explorer: browser.routes }));
  app.use(router);

  app.use(notFoundHandler());
  app.use(errorHandler(logger, databaseProblem));
  return app;
}
