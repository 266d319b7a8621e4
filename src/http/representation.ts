import type { Request, Response } from 'express';
import type { Resource, Visibility } from '../../resources/resource.ts';
import { AppError } from '../problem-types.ts';
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

function representationOf(req: Request, resource: Resource): Representation {
  const representation = negotiate(req.get('Accept'), resource.hasTemplates());
  if (representation === null) {
    throw new AppError('not-acceptable', 'Acceptable types: application/hal+json, application/prs.hal-forms+json, text/html.');
  }
  return representation;
}

/**
 * The strong ETag of a representation: from the resource's seed when it has one (known before
 * anything is rendered or counted), otherwise from the body's bytes.
 */
function etagOf(mediaType: Representation, resource: Resource, body: () => string): string {
  const seed = mediaType === HTML ? undefined : resource.etagSeed();
  return strongEtag(mediaType, seed === undefined ? body() : `seed:${seed}`);
}

function bodyOf(req: Request, mediaType: Representation, resource: Resource): string {
  return mediaType === HTML ? httpSettings(req).htmlPage : JSON.stringify(resource.toHal());
}

/** The ETags of both JSON representations, for If-Match (either one matches). */
export function currentEtags(resource: Resource): string[] {
  let body: string | undefined;
  const once = () => (body ??= JSON.stringify(resource.toHal()));
  return [etagOf(HAL, resource, once), etagOf(HAL_FORMS, resource, once)];
}

/** Cache-Control per API.md §8. */
export function cacheControl(req: Request, visibility: Visibility): string {
  if (visibility === 'no-store') return 'no-store';
  if (visibility === 'private' || req.get('Authorization') !== undefined) return 'private, no-cache';
  return `public, max-age=${httpSettings(req).cacheMaxAge}, stale-while-revalidate=0`;
}

function setHeaders(req: Request, res: Response, resource: Resource, etag: string, options: SendOptions): void {
  const { uris } = httpSettings(req);
  const visibility = resource.visibility();
  res.vary('Accept');
  if (resource.dependsOnCaller) res.vary('Authorization');
  res.setHeader('Cache-Control', cacheControl(req, visibility));
  if (visibility === 'public' && req.get('Authorization') === undefined) res.removeHeader('RateLimit');
  res.setHeader('ETag', etag);
  const modified = resource.lastModified();
  if (modified) res.setHeader('Last-Modified', modified.toUTCString());
  res.setHeader('Content-Location', resource.self);
  addLink(res, uris.schema(resource.profile), 'profile');
  for (const uri of options.invalidates ?? []) addLink(res, uri, 'invalidates');
  if (options.location) res.setHeader('Location', options.location);
}

function isSafe(req: Request): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

/**
 * The cheap revalidation path: for a resource whose ETag comes from a seed, answers 304 (with
 * the same headers as the 200) without rendering it. The resource only has to know its headers:
 * self, profile, visibility, templates offered, seed. Returns false when a full answer is needed.
 */
export function sendIfNotModified(req: Request, res: Response, resource: Resource): boolean {
  const header = req.get('If-None-Match');
  if (!header || !isSafe(req) || resource.etagSeed() === undefined) return false;
  const mediaType = representationOf(req, resource);
  if (mediaType === HTML) return false;
  const etag = etagOf(mediaType, resource, () => '');
  if (!noneMatch(header, etag)) return false;
  setHeaders(req, res, resource, etag, {});
  res.status(304).end();
  return true;
}

/** Sends a resource with every header API.md §1 and §8 ask for; answers 304 when it can. */
export function sendResource(req: Request, res: Response, resource: Resource, options: SendOptions = {}): void {
  const mediaType = representationOf(req, resource);
  let body: string | undefined;
  const once = () => (body ??= bodyOf(req, mediaType, resource));
  const etag = etagOf(mediaType, resource, once);
  setHeaders(req, res, resource, etag, options);
  if (isSafe(req) && noneMatch(req.get('If-None-Match'), etag)) {
    res.status(304).end();
    return;
  }
  res.status(options.status ?? 200).type(mediaType === HTML ? 'text/html; charset=utf-8' : mediaType).send(once());
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

/** 303 See Other to where the resource's current content is (edit-media → the image); revalidated on every use. */
export function sendSeeOther(res: Response, location: string): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Location', location);
  res.status(303).end();
}

/** 202 Accepted for work whose outcome the caller must not learn (no account enumeration): HAL with a link home. */
export function sendAccepted(req: Request, res: Response, detail: string): void {
  const { uris } = httpSettings(req);
  sendHalBody(req, res, 202, { _links: { index: { href: uris.root(), title: 'Smilecook' } }, status: 'accepted', detail });
}

/**
 * Unsafe requests answer with a representation: when the Accept header allows none of them, refuse
 * with 406 before any work is done, so that a change is never made and then reported as a failure.
 */
export function requireAcceptable(req: Request, _res: Response, next: () => void): void {
  if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
    if (negotiate(req.get('Accept'), true) === null) {
      throw new AppError('not-acceptable', 'Acceptable types: application/hal+json, application/prs.hal-forms+json, text/html.');
    }
  }
  next();
}
