import type { RequestHandler } from 'express';
import { AppError } from '../core/app-error.ts';

/**
 * What Node's parser lets through but the API cannot frame safely (API.md §10): refused before
 * anything reads the request, with `Connection: close` (whatever follows on the connection is not
 * trusted to start where this request ends).
 */

const closing = { headers: { Connection: 'close' } };

function badHost(detail: string): AppError {
  return new AppError('bad-request', detail, closing);
}

/** How many times a field occurs in the request as sent (Node keeps only the first Host). */
function occurrences(rawHeaders: string[], name: string): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) count += 1;
  return count;
}

/**
 * RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host (the server is created with
 * requireHostHeader off, so that a missing one gets this complete problem, not Node's bare 400).
 * RFC 9112 §6.1: a transfer coding the server does not implement is a 501; only `chunked` is.
 */
export const rejectUnframeable: RequestHandler = (req, _res, next) => {
  const hosts = occurrences(req.rawHeaders, 'host');
  if (hosts > 1) throw badHost('The request has more than one Host field; RFC 9112 §3.2 allows exactly one.');
  if (hosts === 0 && (req.httpVersionMajor > 1 || req.httpVersionMinor >= 1)) {
    throw badHost('An HTTP/1.1 request needs a Host field (RFC 9112 §3.2).');
  }
  const transferEncoding = req.headers['transfer-encoding'];
  if (transferEncoding !== undefined) {
    const codings = transferEncoding.split(',').map((coding) => coding.split(';')[0]!.trim().toLowerCase()).filter(Boolean);
    const unknown = codings.find((coding) => coding !== 'chunked');
    if (unknown !== undefined) {
      throw new AppError('not-implemented', `The transfer coding "${unknown}" is not implemented: send the body with Content-Length, or with `
        + 'Transfer-Encoding: chunked alone.', closing);
    }
    if (codings.length > 1) throw new AppError('bad-request', 'The chunked transfer coding is applied more than once (RFC 9112 §7).', closing);
  }
  next();
};
