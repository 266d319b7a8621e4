import type { Request, RequestHandler, Response } from 'express';
import { compressedDocument, sendCompressed } from './compressed-static.ts';
import { ranksHtmlFirst } from './negotiate.ts';

/** The HTML page a browser gets for any URL, and its strong ETag. */
export interface BrowserPage {
  body: string;
  etag: string;
}

const compressed = new WeakMap<BrowserPage, ReturnType<typeof compressedDocument>>();

/** `private`: the page is the same for every URL, and must not take a shared cache's variants (API.md §9). */
export const BROWSER_PAGE_CACHE_CONTROL = 'private';

/** Sends the browser page, compressed: 200 (or 304 to a matching If-None-Match), `Vary: Accept`, never stored by a shared cache. */
export function sendBrowserPage(req: Request, res: Response, page: BrowserPage): void {
  let document = compressed.get(page);
  if (!document) compressed.set(page, document = compressedDocument('text/html; charset=utf-8', page.body));
  res.vary('Accept');
  sendCompressed(req, res, document, BROWSER_PAGE_CACHE_CONTROL);
}

/**
 * A browser's navigation — a GET or HEAD whose Accept ranks text/html above every JSON type — gets
 * the page on every URL (known or not, whoever asks), which then loads that URL itself and shows
 * the answer: the explorer for browsers (API.md §9). `ownAnswer(path)` names the paths that keep
 * their own representation.
 */
export function browserNavigation(page: BrowserPage, ownAnswer: (path: string) => boolean): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !ranksHtmlFirst(req.get('Accept')) || ownAnswer(req.path)) return next();
    sendBrowserPage(req, res, page);
  };
}
