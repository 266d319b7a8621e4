import type { Request, Response } from 'express';
import type { Resource, Visibility } from '../../resources/resource.ts';
import { AppError } from '../problem-types.ts';
import { httpSettings } from './context.ts';
import { noneMatch, strongEtag } from './etag.ts';
import { addLink } from './link-header.ts';
import { HAL, HAL_FORMS, HTML, negotiate } from './negotiate.ts';

export interface SendOptions {
  status?: 200 | 201;
  /** For 201: the new resource's URI. */
  location?: string;
  /** Other resources the change altered, sent as Link: rel="invalidates". */
  invalidates?: string[];
}

interface Rendered {
  mediaType: string;
  body: string;
  etag: string;
}

function render(req: Request, resource: Resource): Rendered {
  const representation = negotiate(req.get('Accept'), resource.hasTemplates());
  if (representation === null) {
    throw new AppError('not-acceptable', 'Acceptable types: application/hal+json, application/prs.hal-forms+json, text/html.');
  }
  if (representation === HTML) {
    const body = httpSettings(req).htmlPage;
    return { mediaType: HTML, body, etag: strongEtag(HTML, body) };
  }
  const body = JSON.stringify(resource.toHal());
  return { mediaType: representation, body, etag: strongEtag(representation, body) };
}

/** The ETags of both JSON representations, for If-Match (either one matches). */
export function currentEtags(resource: Resource): string[] {
  const body = JSON.stringify(resource.toHal());
  return [strongEtag(HAL, body), strongEtag(HAL_FORMS, body)];
}

/** Cache-Control per API.md §8. */
export function cacheControl(req: Request, visibility: Visibility): string {
  if (visibility === 'no-store') return 'no-store';
  if (visibility === 'private' || req.get('Authorization') !== undefined) return 'private, no-cache';
  return `public, max-age=${httpSettings(req).cacheMaxAge}, stale-while-revalidate=0`;
}

/** Sends a resource with every header API.md §1 and §8 ask for; answers 304 when it can. */
export function sendResource(req: Request, res: Response, resource: Resource, options: SendOptions = {}): void {
  const { uris } = httpSettings(req);
  const { mediaType, body, etag } = render(req, resource);
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
  const safe = req.method === 'GET' || req.method === 'HEAD';
  if (safe && noneMatch(req.get('If-None-Match'), etag)) {
    res.status(304).end();
    return;
  }
  res.status(options.status ?? 200).type(mediaType === HTML ? 'text/html; charset=utf-8' : mediaType).send(body);
}
