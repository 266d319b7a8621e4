import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { noneMatch, strongEtag } from './etag.ts';
import { cacheControl } from './representation.ts';

type Coding = 'br' | 'gzip' | 'identity';

interface Encoded {
  body: Buffer;
  etag: string;
}

/** A static text file compressed once, at start, with brotli and gzip: each coding its own bytes and strong ETag. */
export interface CompressedDocument {
  type: string;
  codings: Record<Coding, Encoded>;
}

export function compressedDocument(type: string, text: string): CompressedDocument {
  const identity = Buffer.from(text, 'utf8');
  const encoded = (coding: Coding, body: Buffer): Encoded => ({ body, etag: strongEtag(`${type};${coding}`, body) });
  return {
    type,
    codings: {
      br: encoded('br', brotliCompressSync(identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
      })),
      gzip: encoded('gzip', gzipSync(identity, { level: 9 })),
      identity: encoded('identity', identity),
    },
  };
}

/**
 * Sends the smallest coding the client accepts (brotli, then gzip, else the bytes as they are), with
 * `Vary: Accept-Encoding`, cacheable like any public document; 304 to a matching If-None-Match.
 */
export function sendCompressed(req: Request, res: Response, document: CompressedDocument, cache = cacheControl(req, 'public')): void {
  // The smallest coding the client accepts at all (q > 0): brotli, then gzip.
  const coding: Coding = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : 'identity';
  const chosen = document.codings[coding];
  res.vary('Accept-Encoding');
  res.setHeader('Cache-Control', cache);
  res.setHeader('ETag', chosen.etag);
  if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
  if (noneMatch(req.get('If-None-Match'), chosen.etag)) return void res.status(304).end();
  res.type(document.type).send(chosen.body);
}
