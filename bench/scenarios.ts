import { WORD_100, WORD_1PCT } from './bench-db.ts';
import { ACCEPT_FORMS, NotAvailable, type Discovery, type LoadRequest } from './discovery.ts';
import { HAL, describe, fetchHal, link, resolve, type Fetched, type HalBody } from './hypermedia.ts';

export interface Prepared { request: LoadRequest; note: string }
export interface Scenario {
  id: string;
  title: string;
  /** The baseline answers it too (and the API/baseline ratio is reported). */
  withBaseline: boolean;
  /** Prepared again right before its rounds (its request holds an access token, which expires). */
  reprepare?: boolean;
  /** Connections for this scenario, when not --connections (login: more would only queue on argon2's lanes). */
  connections?: number;
  /** Finds the URL from "/" by link relations; throws NotAvailable when the server lacks the feature. */
  prepare(server: Discovery): Promise<Prepared>;
}

async function check(request: LoadRequest): Promise<Fetched> {
  const fetched = await fetchHal(request.url, { method: request.method, headers: request.headers, body: request.body ?? null });
  if (fetched.status !== request.expect) throw new NotAvailable(`${describe(fetched)} (expected ${request.expect})`);
  return fetched;
}

const get = (url: string, headers: Record<string, string> = {}, expect = 200): LoadRequest =>
  ({ url, method: 'GET', headers: { Accept: HAL, ...headers }, expect });

function searchScenario(id: string, word: string, expected: string, more: Record<string, string | number> = {}): Scenario {
  const extra = Object.entries(more).map(([name, value]) => `&${name}=${value}`).join('');
  return {
    id, title: `search q=${word}${extra} (${expected})`, withBaseline: true,
    async prepare(server) {
      const request = get(await server.search({ q: word, ...more }));
      const { body } = await check(request);
      return { request, note: `total ${String(body?.total)}` };
    },
  };
}

/** The first recipe of page 1 (its self link). */
async function firstRecipe(server: Discovery): Promise<string> {
  const page = await server.page1();
  const items = page.body?._embedded?.item as HalBody[];
  const self = link(items[0] ?? null, 'self');
  if (!self) throw new NotAvailable('no embedded recipe with a self link');
  return resolve(self.href, page.url);
}

/** A GET with If-None-Match: the resource's current ETag, answered 304. */
function revalidation(id: string, title: string, find: (server: Discovery) => Promise<string>): Scenario {
  return {
    id, title, withBaseline: true,
    async prepare(server) {
      const { url, headers } = await check(get(await find(server)));
      const etag = headers.get('ETag');
      if (!etag) throw new NotAvailable(`${new URL(url).pathname} has no ETag`);
      const request = get(url, { 'If-None-Match': etag }, 304);
      await check(request);
      return { request, note: `If-None-Match: the ETag of ${new URL(url).pathname}` };
    },
  };
}

export const scenarios: Scenario[] = [
  {
    id: 'page1', title: 'GET recipes, page 1 (anonymous)', withBaseline: true,
    async prepare(server) {
      const page = await server.page1();
      return { request: get(page.url), note: `total ${String(page.body?.total)}` };
    },
  },
  {
    id: 'deep', title: 'deep page (middle of the collection)', withBaseline: true,
    async prepare(server) {
      const page = await server.page1();
      const next = link(page.body, 'next');
      if (!next) throw new NotAvailable('page 1 has no "next" link');
      const second = await check(get(resolve(next.href, page.url)));
      const pages = Number(second.body?.pages ?? page.body?.pages);
      if (!Number.isInteger(pages) || pages < 2) throw new NotAvailable('the page has no "pages" count');
      const deep = Math.ceil(pages / 2);
      const request = get(await server.search({ page: deep }));
      // Measured even when it fails (a deep OFFSET can hit the statement timeout): its errors are the finding.
      const probe = await fetchHal(request.url, { headers: request.headers });
      if (probe.status < 500 && probe.status !== 200) throw new NotAvailable(describe(probe));
      const failing = probe.status >= 500 ? `; the probe ${describe(probe)}` : '';
      return { request, note: `page ${deep} of ${pages}${failing}` };
    },
  },
  searchScenario('search100', WORD_100, '100 matches'),
  searchScenario('search1pct', WORD_1PCT, '~1 %'),
  // Issue 17: searches as people type them, over the seed's recipe words (bench/seed-vocabulary.ts).
  searchScenario('word1', 'risotto', 'one word, ~3 %'),
  searchScenario('words3', 'creamy mushroom risotto', 'three words'),
  searchScenario('typo', 'mushroon risoto', 'two typos, corrected'),
  searchScenario('filtered', 'risotto', 'one word and both filters', { max_cook_time: 30, min_servings: 4 }),
  searchScenario('common', 'garlic', 'a common word, in ~30 % of recipes'),
  {
    id: 'recipe', title: 'one recipe', withBaseline: true,
    async prepare(server) {
      const request = get(await firstRecipe(server));
      await check(request);
      return { request, note: new URL(request.url).pathname };
    },
  },
  revalidation('revalidate', 'conditional GET page 1 (304)', async (server) => (await server.page1()).url),
  revalidation('revalidate-recipe', 'conditional GET one recipe (304)', firstRecipe),
  {
    id: 'auth-page', title: 'GET recipes, page 1 (Bearer)', withBaseline: true, reprepare: true,
    async prepare(server) {
      const token = await server.accessToken();
      const page = await server.page1();
      const request = get(page.url, { Accept: ACCEPT_FORMS, Authorization: `Bearer ${token}` });
      const { body, headers } = await check(request);
      const templates = Object.keys(body?._templates ?? {}).join(', ') || 'none';
      return { request, note: `templates: ${templates}; ${headers.get('Cache-Control') ?? 'no Cache-Control'}` };
    },
  },
  {
    id: 'login', title: 'login (argon2id)', withBaseline: false, connections: 8,
    async prepare(server) {
      const request = await server.loginRequest();
      await check(request);
      return { request, note: `${request.method} ${new URL(request.url).pathname}, ${request.bodies?.length ?? 1} accounts in turn` };
    },
  },
];
