import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { noneMatch } from '../http/etag.ts';
import { imageAffordances } from '../../resources/image.affordances.ts';
import { pageKeys } from '../core/cache-keys.ts';
import { httpSettings } from '../http/context.ts';
import { sharedCacheHeaders } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { describeImage } from '../images/image-store.ts';
import type { ImageService } from '../images/image.service.ts';

const YEAR = 31536000;

/**
 * The image files (API.md §7): content-addressed, immutable, public unless only a draft shows them.
 * Visibility and 304s are decided from the database; only a 200 reads the store, streaming the bytes.
 * Browsers keep a public one a year; a shared cache that gets no purges only CACHE_MAX_AGE (s-maxage),
 * so a cover that became private or was deleted stops being served within that time (Squid, Traffic
 * Server, nginx kept them a year); the purged cache keeps them a year (CDN-Cache-Control) and is told.
 */
export function imageRoutes(images: ImageService, logger: Logger): Route[] {
  return [
    on(imageAffordances.file, async (req, res, caller) => {
      const name = String(req.params.file);
      const visibility = await images.visibility(caller, name);
      const { contentType, etag } = describeImage(name);
      // A public answer loses RateLimit when its head is written (src/http/rate-limit-headers.ts).
      const shared = visibility === 'public' ? `, s-maxage=${httpSettings(req).cacheMaxAge}` : '';
      res.setHeader('Cache-Control', `${visibility}, max-age=${YEAR}${shared}, immutable`);
      if (visibility === 'public') sharedCacheHeaders(req, res, pageKeys.image(name), YEAR);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // Public pictures may be embedded by pages on any origin (helmet's default is same-origin).
      if (visibility === 'public') res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.setHeader('ETag', etag);
      res.setHeader('Content-Type', contentType);
      if (noneMatch(req.get('If-None-Match'), etag)) return void res.status(304).end();
      const image = await images.read(name, { body: req.method !== 'HEAD' });
      res.setHeader('Content-Length', String(image.size));
      res.status(200);
      if (!image.body) return void res.end();
      // Streamed from the store; a failure half-way can only cut the connection (the headers are out).
      await pipeline(image.body, res).catch((error: unknown) => {
        logger.warn({ err: error, reqId: req.id }, 'image stream failed');
        res.destroy();
      });
    }),
  ];
}
