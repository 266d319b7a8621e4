import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { documentAffordances } from '../../resources/document.affordances.ts';
import type { Affordance } from '../core/affordance.ts';
import { AppError } from '../core/app-error.ts';
import type { PathPattern } from '../core/paths.ts';
import { compressedDocument, sendCompressed } from '../http/compressed-static.ts';
import { on, type Route } from '../http/routing.ts';
import { sendStatic, staticDocument } from '../http/static-documents.ts';

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

/** The HAL browser (API.md §9), read once from its folder: the page, and its ES modules and stylesheets. */
export interface Explorer {
  /** The HTML page: served at /explorer and for `text/html` on any resource. */
  page: string;
  routes: Route[];
}

/** `/explorer` and its static files under `/explorer/<name>` (every .js, .css and .svg file of `dir`, compressed once at start). */
export function explorer(dir: string): Explorer {
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  const page = read('explorer.html');
  const pageDocument = staticDocument('text/html; charset=utf-8', page);
  const assets = new Map(readdirSync(dir).filter((name) => TYPES[path.extname(name)])
    .map((name) => [name, compressedDocument(TYPES[path.extname(name)]!, read(name))]));
  return {
    page,
    routes: [
      on(documentAffordances.explorer, (req, res) => sendStatic(req, res, pageDocument)),
      on(documentAffordances.explorerAsset, (req, res) => {
        const asset = assets.get(String(req.params.asset));
        if (!asset) throw new AppError('not-found', 'No such explorer asset.');
        sendCompressed(req, res, asset);
      }),
    ],
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A path pattern as the router matches it: each `:param` one segment, case-insensitive, an optional trailing slash. */
function patternRegExp(pattern: string): RegExp {
  const source = pattern.split(/:\w+/).map(escapeRegExp).join('[^/]+');
  return new RegExp(`^${source}/?$`, 'i');
}

/**
 * Which paths keep their own answer when a browser navigates there (API.md §9), from the
 * declarations: the GET affordances flagged `ownBrowserAnswer`, and everything under `prefixes`.
 */
export function ownBrowserAnswer(affordances: ReadonlyArray<Affordance<never>>, prefixes: readonly PathPattern[]): (path: string) => boolean {
  const exact = affordances.filter((a) => a.method === 'GET' && a.ownBrowserAnswer).map((a) => patternRegExp(a.path.pattern));
  const below = prefixes.map((prefix) => prefix.pattern.toLowerCase());
  return (requested) => {
    const lower = requested.toLowerCase();
    return exact.some((pattern) => pattern.test(requested)) || below.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
  };
}
