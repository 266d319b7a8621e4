/**
 * The reference ceiling: plain node:http + pg answering what the bench asks of the API — a page of
 * /recipes (anonymous or Bearer), a search, one recipe, and their 304s — with the SAME SQL
 * (bench/baseline-sql.ts), the same bytes and the same headers (bench/baseline-render.ts), the same
 * ETags (bench/baseline-etag.ts) and the same token check (bench/baseline-auth.ts), written by hand.
 * No framework, no validation beyond what the bench's requests need, no logging, no rate limits.
 *   DATABASE_URL=… PORT=… JWT_SECRET=… [BASELINE_SQL=naive] node --import tsx bench/baseline.ts
 * Negotiation serves the Accept headers the bench sends: HAL-FORMS when it is asked for and the
 * resource has templates (or HAL is not acceptable), else HAL.
 */
import http from 'node:http';
import pg from 'pg';
import { callerOf, closeAuth } from './baseline-auth.ts';
import { collectionEtag, itemEtag } from './baseline-etag.ts';
import { COLLECTION_PROFILE, HAL, HAL_FORMS, HELMET, ITEM_PROFILE, collectionJson, itemJson, pageUri, type Kept } from './baseline-render.ts';
import type { ParsedTerm } from '../src/recipes/recipe-search-sql.ts';
import type { RecipeFilter } from '../src/recipes/recipe-sql.ts';
import { searchTermsOf } from '../src/recipes/search-terms.ts';
import { apiSql, naiveCountSql, naiveSql, termsSql, textQuery, type StatsRow, type SummaryRow } from './baseline-sql.ts';

// The API's pool size and statement timeout (src/db/database.ts).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, statement_timeout: 10_000 });
const sql = process.env.BASELINE_SQL === 'naive' ? naiveSql : apiSql;
const port = Number(process.env.PORT ?? 3999);
const rows = async <T extends pg.QueryResultRow>(text: string) => (await pool.query<T>(text)).rows;

const publicCache = 'public, max-age=60, stale-while-revalidate=0';
function send(res: http.ServerResponse, status: number, head: string[], type?: string, body?: string): void {
  const headers = [...HELMET, 'Vary', 'Accept, Authorization', ...head];
  if (body !== undefined) headers.push('Content-Type', `${type}; charset=utf-8`, 'Content-Length', String(Buffer.byteLength(body)));
  res.writeHead(status, headers);
  res.end(body);
}
const problem = (res: http.ServerResponse, status: number, title: string) =>
  send(res, status, ['Cache-Control', 'no-store'], 'application/problem+json', JSON.stringify({ title, status }));

function mediaType(accept: string | undefined, hasTemplates: boolean): string {
  if (!accept?.includes(HAL_FORMS)) return HAL;
  return hasTemplates || !accept.includes(HAL) ? HAL_FORMS : HAL;
}
const matches = (header: string | undefined, etag: string) =>
  header !== undefined && header.split(',').some((tag) => { const t = tag.trim().replace(/^W\//, ''); return t === '*' || t === etag; });

function integer(value: string | null, fallback: number, max: number): number | null {
  if (value === null) return fallback;
  return /^\d{1,9}$/.test(value) && Number(value) >= 1 && Number(value) <= max ? Number(value) : null;
}

/** What this server sent per caller and page since the last change (src/http/revalidation-memo.ts): its 304s need no page query. */
const sent = new Map<string, { revision: string; etag: string }>();

async function page(req: http.IncomingMessage, res: http.ServerResponse, params: URLSearchParams, callerId: number | null) {
  const number = integer(params.get('page'), 1, 1_000_000_000);
  const perPage = integer(params.get('per_page'), 20, 100);
  const maxCookTime = params.has('max_cook_time') ? integer(params.get('max_cook_time'), 0, 1440) : undefined;
  const minServings = params.has('min_servings') ? integer(params.get('min_servings'), 0, 50) : undefined;
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? undefined;
  const order = params.get('order') ?? undefined;
  if (number === null || perPage === null || maxCookTime === null || minServings === null || q.length > 200
    || !['relevance', 'created_at'].includes(sort ?? 'relevance') || (order ?? 'desc') !== 'desc') {
    return problem(res, 400, 'Bad Request'); // other sorts: not needed by the bench
  }
  const values = {
    q: params.get('q') ?? undefined, sort, order, per_page: params.has('per_page') ? perPage : undefined, max_cook_time: maxCookTime, min_servings: minServings,
  };
  const kept: Kept = {
    q, sort, order, values, ...(params.has('per_page') && { perPage: String(perPage) }),
    ...(maxCookTime !== undefined && { maxCookTime: String(maxCookTime) }), ...(minServings !== undefined && { minServings: String(minServings) }),
  };
  const [stats] = await rows<StatsRow>(sql.stats());
  const type = mediaType(req.headers.accept, callerId !== null);
  const self = pageUri(kept, number);
  const head = (etag: string) => ['Cache-Control', callerId === null ? publicCache : 'private, no-cache', 'ETag', etag,
    'Content-Location', self, 'Link', COLLECTION_PROFILE];
  const identity = `${type}|${callerId ?? '-'}|${self}`;
  const known = sent.get(identity);
  if (known?.revision === stats!.published_revision && matches(req.headers['if-none-match'], known.etag)) return send(res, 304, head(known.etag));
  const offset = (number - 1) * perPage;
  let found: SummaryRow[];
  let total: number;
  if (q || maxCookTime !== undefined || minServings !== undefined) {
    // RecipeService.search(): q's words parsed and corrected in one statement, then the counted page.
    const terms = searchTermsOf(q);
    const text = q ? (terms.required.length + terms.excluded.length === 0 ? { match: '', exclude: '', terms: [] }
      : textQuery(terms, await rows<ParsedTerm & pg.QueryResultRow>(termsSql(terms)))) : undefined;
    const filter: RecipeFilter = {
      ...(text && { text }), ...(maxCookTime !== undefined && { maxCookTime }), ...(minServings !== undefined && { minServings }),
    };
    found = await rows<SummaryRow>(sql.search(filter, Boolean(q), perPage, offset));
    total = sql.counted && found[0] ? Number(found[0].total) : Number((await rows<{ total: string }>(sql.countMatching(filter)))[0]!.total);
  } else {
    // RecipeService.page(): a page past the end of the counted total costs no page query.
    const pastEnd = sql.counted && offset >= Number(stats!.published);
    const [list, count] = await Promise.all([pastEnd ? Promise.resolve([]) : rows<SummaryRow>(sql.page(perPage, offset)),
      sql.counted ? Promise.resolve([{ total: stats!.published }]) : rows<{ total: string }>(naiveCountSql)]);
    [found, total] = [list, Number(count[0]!.total)];
  }
  const etag = collectionEtag(type, callerId, self, total, found);
  sent.set(identity, { revision: stats!.published_revision, etag });
  if (matches(req.headers['if-none-match'], etag)) return send(res, 304, head(etag));
  send(res, 200, head(etag), type, collectionJson({ kept, page: number, perPage, total, rows: found, callerId }));
}

async function one(req: http.IncomingMessage, res: http.ServerResponse, id: number, callerId: number | null) {
  const [row] = await rows<SummaryRow>(sql.summary(id));
  if (!row || !(row.is_publish || row.user_id === callerId)) return problem(res, 404, 'Not Found');
  const type = mediaType(req.headers.accept, row.user_id === callerId); // templates only for the owner
  const etag = itemEtag(type, row, callerId);
  const cache = callerId === null && row.is_publish ? publicCache : 'private, no-cache';
  const head = ['Cache-Control', cache, 'ETag', etag, 'Last-Modified', row.updated_at.toUTCString(),
    'Content-Location', `/recipes/${row.id}`, 'Link', ITEM_PROFILE];
  if (matches(req.headers['if-none-match'], etag)) return send(res, 304, head);
  send(res, 200, head, type, itemJson(row, callerId));
}

const root = JSON.stringify({
  _links: {
    self: { href: '/' }, recipes: { href: '/recipes' }, search: { href: '/recipes{?q,sort,order,page,per_page,max_cook_time,min_servings}', templated: true },
  },
  title: 'Smilecook baseline',
});

async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://baseline');
  const caller = await callerOf(req.headers.authorization);
  if (caller === 'invalid') return problem(res, 401, 'Unauthorized');
  const item = /^\/recipes\/([1-9]\d{0,8})$/.exec(url.pathname);
  if (url.pathname === '/') return send(res, 200, ['Cache-Control', publicCache], HAL, root);
  if (url.pathname === '/recipes') return page(req, res, url.searchParams, caller);
  if (item) return one(req, res, Number(item[1]), caller);
  problem(res, 404, 'Not Found');
}

const server = http.createServer({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 }, (req, res) => {
  route(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) problem(res, 500, 'Internal Server Error');
  });
});
server.listen(port, '127.0.0.1');

const stop = () => {
  server.close(() => pool.end().then(closeAuth).then(() => process.exit(0)));
  server.closeIdleConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
