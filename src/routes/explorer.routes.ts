import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { documentAffordances } from '../../resources/document.affordances.ts';
import { AppError } from '../core/app-error.ts';
import { on, type Route } from '../http/routing.ts';
import { sendStatic, staticDocument } from '../http/static-documents.ts';

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** The HAL browser (API.md §9), read once from its folder: the page, and its ES modules and stylesheets. */
export interface Explorer {
  /** The HTML page: served at /explorer and for `text/html` on any resource. */
  page: string;
  routes: Route[];
}

/** `/explorer` and its static files under `/explorer/<name>` (every .js and .css file of `dir`). */
export function explorer(dir: string): Explorer {
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  const page = read('explorer.html');
  const pageDocument = staticDocument('text/html; charset=utf-8', page);
  const assets = new Map(readdirSync(dir).filter((name) => TYPES[path.extname(name)])
    .map((name) => [name, staticDocument(TYPES[path.extname(name)]!, read(name))]));
  return {
    page,
    routes: [
      on(documentAffordances.explorer, (req, res) => sendStatic(req, res, pageDocument)),
      on(documentAffordances.explorerAsset, (req, res) => {
        const asset = assets.get(String(req.params.asset));
        if (!asset) throw new AppError('not-found', 'No such explorer asset.');
        sendStatic(req, res, asset);
      }),
    ],
  };
}
