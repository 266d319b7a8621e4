import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedPaths } from '../core/paths.ts';
import { read as serve, type Route } from '../http/routing.ts';
import { sendStatic, staticDocument } from '../http/static-documents.ts';
import { AppError } from '../core/app-error.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (name: string) => readFileSync(path.join(here, 'static', name), 'utf8');

/** The HTML page of the HAL browser: served at /explorer and for `text/html` on any resource. */
export const explorerPage = read('explorer.html');

/** The browser's static files (ES modules and the stylesheet), served under /explorer/<name>. */
const EXPLORER_ASSETS = [
  'explorer.css', 'explorer-components.css', 'explorer.js', 'explorer-actions.js', 'explorer-cards.js', 'explorer-confirm.js',
  'explorer-dom.js', 'explorer-fields.js', 'explorer-forms.js', 'explorer-http.js', 'explorer-images.js', 'explorer-links.js',
  'explorer-media.js', 'explorer-query-form.js', 'explorer-resource.js', 'explorer-response.js', 'explorer-results.js',
  'explorer-schemas.js', 'explorer-session.js', 'explorer-tokens.js', 'explorer-uri-template.js',
];

/** `/explorer` and its static assets (API.md §9). */
export function explorerRoutes(): Route[] {
  const page = staticDocument('text/html; charset=utf-8', explorerPage);
  const assets = new Map(EXPLORER_ASSETS.map((name) => [name, staticDocument(
    name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', read(name),
  )]));
  return [
    serve(fixedPaths.explorer, (req, res) => sendStatic(req, res, page)),
    serve(fixedPaths.explorerAsset, (req, res) => {
      const asset = assets.get(String(req.params.asset));
      if (!asset) throw new AppError('not-found', 'No such explorer asset.');
      sendStatic(req, res, asset);
    }),
  ];
}
