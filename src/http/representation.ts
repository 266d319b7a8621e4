import type { Request, Response } from 'express';
import { AppError } from '../core/app-error.ts';
import type { Representable, Visibility } from '../core/representation.ts';
import { httpSettings } from './context.ts';
import { noneMatch, strongEtag } from './etag.ts';
import { addLink } from './link-header.ts';
import { HAL, HAL_FORMS, HTML, negotiate, type Representation } from './negotiate.ts';

export interface SendOptions {
  status?: 200 | 201;
  /** For 201: the new resource's URI. */
  location?: string;
  /** Other resources the change altered, sent as Link: rel="invalidates". */
  invalidates?: string[];
}

const notAcceptable = () => new AppError('not-acceptable', 'Acceptable types: application/hal+json, application/prs.hal-forms+json, text/html.');

function representationOf(req: Request, resource: Representable): Representation {
  const representation = negotiate(req.get('Accept'), resource.hasTemplates());
  if (representation === null) throw notAcceptable();
  return representation;
}

/** The strong ETag of a representation, from the resource's seed (known before anything is rendered or counted). */
function etagOf(req: Request, mediaType: Representation, resource: Representable): string {
  return mediaType === HTML ? httpSettings(req).htmlPage.etag : strongEtag(mediaType, `seed:${resource.etagSeed()}`);
}

/** The ETags of both JSON representations, for If-Match (either one matches); nothing is rendered. */
export function currentEtags(resource: Representable): string[] {
  const seed = `seed:${resource.etagSeed()}`;
  return [strongEtag(HAL, seed), strongEtag(HAL_FORMS, seed)];
}

/** Cache-Control per API.md §8. */
export function cacheControl(req: Request, visibility: Visibility): string {
  if (visibility === 'no-store') return 'no-store';
  if (visibility === 'private' || req.get('Authorization') !== undefined) return 'private, no-cache';
  return `public, max-age=${httpSettings(req).cacheMaxAge}, stale-while-revalidate=0`;
}

/**
 * What the purged shared cache reads on a response it may store (API.md §8): the cache tags (`keys`, from
 * src/core/cache-keys.ts; empty for what no change alters) and its own lifetime in CDN-Cache-Control
 * (RFC 9213), which the shipped VCL honours and removes. Only with CACHE_PURGE_URL: a cache that gets no
 * purges must not keep anything longer than Cache-Control says.
 */
export function sharedCacheHeaders(req: Request, res: Response, keys: readonly string[], maxAge?: number): void {
  const shared = httpSettings(req).sharedCache;
  if (!shared) return;
  res.setHeader(shared.tagHeader, [...new Set(keys)].join(' '));
  res.setHeader('CDN-Cache-Control', `max-age=${maxAge ?? shared.maxAge}`);
}

/** Cache-Control for `visibility`, and the shared cache's headers when that makes it public. */
export function setCacheHeaders(req: Request, res: Response, visibility: Visibility, keys: readonly string[]): void {
  const control = cacheControl(req, visibility);
  res.setHeader('Cache-Control', control);
  if (control.startsWith('public')) sharedCacheHeaders(req, res, keys);
}

function setHeaders(req: Request, res: Response, resource: Representable, mediaType: Representation, etag: string, options: SendOptions): void {
  const { uris } = httpSettings(req);
  res.vary('Accept');
  if (mediaType === HTML) {
    // The explorer page, the same for every URL (API.md §9): for the browser alone, never one of a shared cache's variants.
    res.setHeader('Cache-Control', 'private');
  } else {
    if (resource.dependsOnCaller) res.vary('Authorization');
    setCacheHeaders(req, res, resource.visibility(), resource.cacheKeys());
  }
  res.setHeader('ETag', etag);
  const modified = resource.lastModified();
  if (modified) res.setHeader('Last-Modified', modified.toUTCString());
  res.setHeader('Content-Location', resource.self);
  addLink(res, uris.schema(resource.profile), 'profile');
  for (const uri of options.invalidates ?? []) addLink(res, uri, 'invalidates');
  if (options.location) res.setHeader('Location', options.location);
}

const isSafe = (req: Request) => req.method === 'GET' || req.method === 'HEAD';

/**
 * The cheap revalidation path, for a resource whose seed is known before its content is read (a
 * collection's revision): a matching If-None-Match is answered 304 with the headers of the 200, and
 * nothing else is queried. Returns false when a full answer is needed.
 */
export function sendIfNotModified(req: Request, res: Response, resource: Representable): boolean {
  const header = req.get('If-None-Match');
  if (!header || !isSafe(req)) return false;
  const mediaType = representationOf(req, resource);
  if (mediaType === HTML) return false;
  const etag = etagOf(req, mediaType, resource);
  if (!noneMatch(header, etag)) return false;
  setHeaders(req, res, resource, mediaType, etag, {});
  res.status(304).end();
  return true;
}

/**
 * Sends a resource with every header API.md §1 and §8 ask for. A revalidation that matches is a 304
 * with the same headers, decided from the seed: the body is rendered only for a 200.
 */
export function sendResource(req: Request, res: Response, resource: Representable, options: SendOptions = {}): void {
  const mediaType = representationOf(req, resource);
  const etag = etagOf(req, mediaType, resource);
  setHeaders(req, res, resource, mediaType, etag, options);
  if (isSafe(req) && noneMatch(req.get('If-None-Match'), etag)) {
    res.status(304).end();
    return;
  }
  const body = mediaType === HTML ? httpSettings(req).htmlPage.body : JSON.stringify(resource.toHal());
  res.status(options.status ?? 200).type(mediaType === HTML ? 'text/html; charset=utf-8' : mediaType).send(body);
}

/**
 * A JSON body that is not a resource of its own (token pairs, 202 answers), in the negotiated JSON
 * type (HAL-FORMS only when asked for by name and HAL is not acceptable), never stored by a cache.
 */
export function sendHalBody(req: Request, res: Response, status: number, body: object): void {
  const chosen = negotiate(req.get('Accept'), false);
  res.vary('Accept');
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).type(chosen === HAL_FORMS ? HAL_FORMS : HAL).send(JSON.stringify(body));
}

/** Cache-Control of a redirect revalidated on every use: `private` too when the request carried Authorization (API.md §8). */
export function revalidatedEachUse(req: Request): string {
  return req.get('Authorization') === undefined ? 'no-cache' : 'private, no-cache';
}

/** 303 See Other to where the resource's current content is (edit-media → the image); revalidated on every use. */
export function sendSeeOther(req: Request, res: Response, location: string): void {
  res.setHeader('Cache-Control', revalidatedEachUse(req));
  res.setHeader('Location', location);
  res.status(303).end();
}

/** 202 Accepted for work whose outcome the caller must not learn (no account enumeration): HAL with a link home. */
export function sendAccepted(req: Request, res: Response, detail: string): void {
  const { uris } = httpSettings(req);
  sendHalBody(req, res, 202, { _links: { index: { href: uris.root(), title: 'Smilecook' } }, status: 'accepted', detail });
}

/** 204 for a change that leaves nothing to show (delete), with the resources it altered. */
export function sendNoContent(res: Response, invalidates: string[] = []): void {
  for (const uri of invalidates) addLink(res, uri, 'invalidates');
  res.setHeader('Cache-Control', 'no-store');
  res.status(204).end();
}

/**
 * Unsafe requests answer with a representation: when the Accept header allows none of them, refuse
 * with 406 before any work is done, so that a change is never made and then reported as a failure.
 */
export function requireAcceptable(req: Request, _res: Response, next: () => void): void {
  if ((req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') && negotiate(req.get('Accept'), true) === null) {
    throw notAcceptable();
  }
  next();
}
