import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { httpSettings } from '../http/context.ts';
import { noneMatch, strongEtag } from '../http/etag.ts';
import { resource } from '../http/routing.ts';
import { AppError } from '../problem-types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (name: string) => readFileSync(path.join(here, 'static', name), 'utf8');

/** The HTML page of the HAL browser: served at /explorer and for `text/html` on any resource. */
export const explorerPage = read('explorer.html');

/** The browser's static files (ES modules and the stylesheet), served under /explorer/<name>. */
const EXPLORER_ASSETS = [
  'explorer.css', 'explorer-components.css', 'explorer.js', 'explorer-actions.js', 'explorer-cards.js', 'explorer-confirm.js', 'explorer-dom.js',
  'explorer-fields.js', 'explorer-forms.js', 'explorer-http.js', 'explorer-images.js', 'explorer-links.js',
  'explorer-media.js', 'explorer-query-form.js', 'explorer-resource.js', 'explorer-response.js', 'explorer-results.js',
  'explorer-schemas.js', 'explorer-session.js', 'explorer-tokens.js', 'explorer-uri-template.js',
];

/** `/explorer` and its static assets (API.md §9). */
export function explorerRoutes(): Router {
  const router = Router();
  const assets = new Map(EXPLORER_ASSETS.map((name) => [name, {
    type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    body: read(name),
  }]));
  const send = (req: import('express').Request, res: import('express').Response, type: string, body: string) => {
    const etag = strongEtag(type, body);
    res.setHeader('Cache-Control', `public, max-age=${httpSettings(req).cacheMaxAge}, stale-while-revalidate=0`);
    res.setHeader('ETag', etag);
    if (noneMatch(req.get('If-None-Match'), etag)) return void res.status(304).end();
    res.type(type).send(body);
  };
  resource(router, '/explorer', { get: (req, res) => send(req, res, 'text/html; charset=utf-8', explorerPage) });
  resource(router, '/explorer/:asset', {
    get: (req, res) => {
      const asset = assets.get(String(req.params.asset));
      if (!asset) throw new AppError('not-found', 'No such explorer asset.');
      send(req, res, asset.type, asset.body);
    },
  });
  return router;
}
