import { documentAffordances } from '../../resources/document.affordances.ts';
import { schemaDocument, schemaIds } from '../../schemas/ajv.ts';
import { escapeHtml } from '../core/html.ts';
import { AppError } from '../core/app-error.ts';
import { problemTypes } from '../core/problem-catalog.ts';
import type { Uris } from '../core/uris.ts';
import { on, type Route } from '../http/routing.ts';
import { sendStatic, staticDocument, type StaticDocument } from '../http/static-documents.ts';

const SCHEMA_JSON = 'application/schema+json';

/** Every document rendered once, at start: they depend on nothing but the public base of their URIs. */
function documents(uris: Uris) {
  const index = staticDocument('application/json', JSON.stringify({ schemas: schemaIds().map((id) => uris.schema(id)) }));
  const schemas = new Map(schemaIds().map((id) => [id, staticDocument(SCHEMA_JSON, JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#', ...schemaDocument(id), $id: uris.schema(id),
  }))]));
  const problems = new Map(Object.entries(problemTypes).map(([slug, type]) => [slug, {
    html: staticDocument('text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8">`
    + `<title>${escapeHtml(type.title)}</title></head><body><h1>${escapeHtml(type.title)} (${type.status})</h1>`
    + `<p>${escapeHtml(type.description)}</p></body></html>`),
    json: staticDocument('application/json', JSON.stringify({ title: type.title, status: type.status, description: type.description })),
  }]));
  return { index, schemas, problems };
}

/** Static documents: the JSON Schemas (/schemas/…) and the problem types (/problems/…). */
export function documentRoutes(uris: Uris): Route[] {
  const { index, schemas, problems } = documents(uris);
  const found = <T>(map: Map<string, T>, key: string, what: string): T => {
    const document = map.get(key);
    if (!document) throw new AppError('not-found', `There is no ${what} "${key}".`);
    return document;
  };
  return [
    on(documentAffordances.schemas, (req, res) => sendStatic(req, res, index, { negotiated: true })),
    on(documentAffordances.schema, (req, res) => sendStatic(req, res, found(schemas, String(req.params.name), 'schema named'), { negotiated: true })),
    on(documentAffordances.problem, (req, res) => {
      const problem = found(problems, String(req.params.slug), 'problem type');
      const document: StaticDocument = req.accepts(['application/json', 'text/html']) === 'text/html' ? problem.html : problem.json;
      sendStatic(req, res, document, { negotiated: true });
    }),
  ];
}
