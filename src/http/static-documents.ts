import type { Request, Response } from 'express';
import { noneMatch, strongEtag } from './etag.ts';
import { setCacheHeaders } from './representation.ts';

/** A document that never changes while the server runs (a schema, a problem type, an explorer asset). */
export interface StaticDocument {
  type: string;
  body: string;
  etag: string;
}

/** Prepared once, at start: the ETag is the hash of its bytes. */
export function staticDocument(type: string, body: string): StaticDocument {
  return { type, body, etag: strongEtag(type, body) };
}

/**
 * Sends a static document: cacheable like any public resource (API.md §8), 304 to a matching If-None-Match.
 * No change alters it, so it names no cache tag.
 */
export function sendStatic(req: Request, res: Response, document: StaticDocument, options: { negotiated?: boolean } = {}): void {
  setCacheHeaders(req, res, 'public', []);
  res.setHeader('ETag', document.etag);
  if (options.negotiated) res.vary('Accept');
  if (noneMatch(req.get('If-None-Match'), document.etag)) return void res.status(304).end();
  res.type(document.type).send(document.body);
}
