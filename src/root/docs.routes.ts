import { Router } from 'express';
import { schemaDocument, schemaIds } from '../../schemas/ajv.ts';
import { httpSettings } from '../http/context.ts';
import { strongEtag, noneMatch } from '../http/etag.ts';
import { resource } from '../http/routing.ts';
import { AppError, problemTypes, type ProblemSlug } from '../problem-types.ts';

const SCHEMA_JSON = 'application/schema+json';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Static documents: the JSON Schemas (/schemas/…) and the problem types (/problems/…). */
export function docsRoutes(): Router {
  const router = Router();
  const sendDocument = (req: import('express').Request, res: import('express').Response, type: string, body: string) => {
    const etag = strongEtag(type, body);
    res.setHeader('Cache-Control', `public, max-age=${httpSettings(req).cacheMaxAge}, stale-while-revalidate=0`);
    res.setHeader('ETag', etag);
    res.vary('Accept');
    if (noneMatch(req.get('If-None-Match'), etag)) return void res.status(304).end();
    res.type(type).send(body);
  };

  resource(router, '/schemas', {
    get: (req, res) => {
      const { uris } = httpSettings(req);
      sendDocument(req, res, 'application/json', JSON.stringify({ schemas: schemaIds().map((id) => uris.schema(id)) }));
    },
  });
  resource(router, '/schemas/:name', {
    get: (req, res) => {
      const name = String(req.params.name);
      const schema = schemaDocument(name);
      if (!schema) throw new AppError('not-found', `There is no schema named "${name}".`);
      const { uris } = httpSettings(req);
      sendDocument(req, res, SCHEMA_JSON, JSON.stringify({
        $schema: 'http://json-schema.org/draft-07/schema#', ...schema, $id: uris.schema(name),
      }));
    },
  });
  resource(router, '/problems/:slug', {
    get: (req, res) => {
      const slug = String(req.params.slug);
      if (!Object.hasOwn(problemTypes, slug)) throw new AppError('not-found', `There is no problem type "${slug}".`);
      const type = problemTypes[slug as ProblemSlug];
      if (req.accepts(['application/json', 'text/html']) === 'text/html') {
        return sendDocument(req, res, 'text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8">`
          + `<title>${escapeHtml(type.title)}</title></head><body><h1>${escapeHtml(type.title)} (${type.status})</h1>`
          + `<p>${escapeHtml(type.description)}</p></body></html>`);
      }
      sendDocument(req, res, 'application/json', JSON.stringify({ title: type.title, status: type.status, description: type.description }));
    },
  });
  return router;
}
