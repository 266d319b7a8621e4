/**
 * The reference ceiling: plain node:http + pg answering the same anonymous page of 20 published
 * recipes (created_at desc, with an exact count(*) total), the same search (q) and one recipe, as
 * hand-written HAL. No framework, no validation beyond integers, no ETag.
 *   DATABASE_URL=… PORT=… node --import tsx bench/baseline.ts
 */
import http from 'node:http';
import pg from 'pg';

// The API's pool size and statement timeout (src/db/database.ts).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, statement_timeout: 10_000 });
const port = Number(process.env.PORT ?? 3999);

interface Row {
  id: number; name: string; description: string; num_of_servings: number | null; cook_time: number | null;
  ingredients: string; directions: string; is_publish: boolean; created_at: Date; updated_at: Date; username: string;
}

const COLUMNS = `r.id, r.name, r.description, r.num_of_servings, r.cook_time, r.ingredients, r.directions,
  r.is_publish, r.created_at, r.updated_at, u.username`;
const SEARCH = '(r.name ilike $1 or r.description ilike $1 or r.ingredients ilike $1)';

function recipe(row: Row) {
  return {
    id: row.id, name: row.name, description: row.description, num_of_servings: row.num_of_servings,
    cook_time: row.cook_time, ingredients: row.ingredients, directions: row.directions, is_publish: row.is_publish,
    cover_url: null, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString(),
    _links: {
      self: { href: `/recipes/${row.id}` },
      author: { href: `/users/${encodeURIComponent(row.username)}`, title: row.username },
      collection: { href: '/recipes' },
    },
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': status < 400 ? 'application/hal+json' : 'application/problem+json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': status < 400 ? 'public, max-age=60' : 'no-store',
  });
  res.end(text);
}

function integer(value: string | null, fallback: number, max: number): number | null {
  if (value === null) return fallback;
  const n = Number(value);
  return /^\d+$/.test(value) && n >= 1 && n <= max ? n : null;
}

async function page(res: http.ServerResponse, params: URLSearchParams): Promise<void> {
  const number = integer(params.get('page'), 1, 1_000_000_000);
  const perPage = integer(params.get('per_page'), 20, 100);
  const q = params.get('q') ?? '';
  if (number === null || perPage === null || q.length > 200) return send(res, 400, { title: 'Bad Request', status: 400 });
  const pattern = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
  const where = q ? `r.is_publish and ${SEARCH}` : 'r.is_publish';
  const args = q ? [pattern] : [];
  const [rows, count] = await Promise.all([
    pool.query<Row>(`select ${COLUMNS} from recipes r join users u on u.id = r.user_id where ${where}
      order by r.created_at desc, r.id desc limit ${perPage} offset ${(number - 1) * perPage}`, args),
    pool.query<{ total: number }>(`select count(*)::int as total from recipes r where ${where}`, args),
  ]);
  const total = count.rows[0]!.total;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const href = (n: number) => {
    const query = new URLSearchParams({ ...(q && { q }), page: String(n), per_page: String(perPage) });
    return { href: `/recipes?${query}` };
  };
  send(res, 200, {
    page: number, per_page: perPage, total, pages,
    _links: {
      self: href(number), first: href(1), last: href(pages),
      ...(number > 1 && { prev: href(Math.min(number - 1, pages)) }),
      ...(number < pages && { next: href(number + 1) }),
      search: { href: '/recipes{?q,sort,order,page,per_page}', templated: true },
    },
    _embedded: { item: rows.rows.map(recipe) },
  });
}

async function one(res: http.ServerResponse, id: number): Promise<void> {
  const { rows } = await pool.query<Row>(
    `select ${COLUMNS} from recipes r join users u on u.id = r.user_id where r.id = $1 and r.is_publish`, [id]);
  if (rows.length === 0) return send(res, 404, { title: 'Not Found', status: 404 });
  send(res, 200, recipe(rows[0]!));
}

const root = {
  title: 'Smilecook baseline',
  _links: {
    self: { href: '/' },
    recipes: { href: '/recipes' },
    search: { href: '/recipes{?q,sort,order,page,per_page}', templated: true },
  },
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://baseline');
  const item = /^\/recipes\/(\d{1,9})$/.exec(url.pathname);
  const work = url.pathname === '/' ? Promise.resolve(send(res, 200, root))
    : url.pathname === '/recipes' ? page(res, url.searchParams)
      : item ? one(res, Number(item[1]))
        : Promise.resolve(send(res, 404, { title: 'Not Found', status: 404 }));
  work.catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, { title: 'Internal Server Error', status: 500 });
  });
});
server.keepAliveTimeout = 5_000;
server.listen(port, '127.0.0.1');

const stop = () => {
  server.close(() => pool.end().then(() => process.exit(0)));
  server.closeIdleConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
