/**
 * The mixed load of issue 22 through Varnish: anonymous readers at a fixed rate over a set of hot public
 * pages, while one writer edits a draft (which no reader can see) and, less often, a published recipe
 * shown on the first page — each write with the API purging the cache as it is configured to
 * (CACHE_PURGE_URL). What counts is how much of the read load the cache still answers: its hit ratio
 * and the requests per second that reach the origin. The same script runs on any checkout (it finds
 * everything from "/" by links and templates), so the purging of two versions can be compared on one day.
 */
import { ACCEPT_FORMS, type Discovery } from './discovery.ts';
import { HAL, fetchHal, link, resolve, type HalBody, type Template } from './hypermedia.ts';
import type { Varnish } from './varnish.ts';

export interface MixedOptions {
  seconds: number;
  readsPerSecond: number;
  hotPages: number;
  draftEditsPerSecond: number;
  publishedEditsPerSecond: number;
}

export interface MixedResult {
  setup: string;
  options: MixedOptions;
  reads: number;
  readErrors: number;
  p50: number;
  p99: number;
  draftEdits: number;
  publishedEdits: number;
  writeErrors: number;
  hits: number;
  misses: number;
  /** Read requests Varnish sent to the origin (fetches and revalidations; the writes it passes left out), per second of the run. */
  originPerSecond: number;
  /** Of those, revalidations the origin answered 304. */
  revalidated304: number;
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

/** The hot pages: /recipes pages, sorted pages, searches, the first page's recipes, their authors' lists — all found by links. */
async function hotPages(discovery: Discovery, count: number, words: string[]): Promise<string[]> {
  const urls = new Set<string>();
  const page1 = await discovery.page1();
  const items = (page1.body?._embedded?.item ?? []) as HalBody[];
  urls.add(page1.url);
  for (let page = 2; page <= 8; page++) urls.add(await discovery.search({ page }));
  for (let page = 1; page <= 4; page++) {
    urls.add(await discovery.search({ sort: 'cook_time', page }));
    urls.add(await discovery.search({ sort: 'num_of_servings', order: 'asc', page }));
  }
  for (const q of words) urls.add(await discovery.search({ q }));
  for (const item of items) {
    urls.add(resolve(link(item, 'self')!.href, discovery.base));
    const author = link(item, 'author');
    if (author) {
      const user = await fetchHal(resolve(author.href, discovery.base), { headers: { Accept: HAL } });
      const list = link(user.body, 'recipes');
      if (list) urls.add(resolve(list.href, discovery.base));
    }
  }
  return [...urls].slice(0, count);
}

async function send(template: Template, base: string, token: string, body?: object): Promise<{ status: number; body: HalBody | null }> {
  const answer = await fetchHal(resolve(template.target ?? '', base), {
    method: (template.method ?? 'POST').toUpperCase(),
    headers: { Accept: ACCEPT_FORMS, Authorization: `Bearer ${token}`, ...(body && { 'Content-Type': template.contentType ?? 'application/json' }) },
    body: body ? JSON.stringify(body) : null,
  });
  return { status: answer.status, body: answer.body };
}

/** Runs the mixed load against `varnish` (whose origin purges it, or not); `setup` names the row. */
export async function mixedLoad(setup: string, varnish: Varnish, discovery: Discovery, words: string[], options: MixedOptions): Promise<MixedResult> {
  const base = varnish.url;
  const token = await discovery.accessToken();
  const recipes = link(await discovery.root(), 'recipes')!;
  const list = await fetchHal(resolve(recipes.href, base), { headers: { Accept: ACCEPT_FORMS, Authorization: `Bearer ${token}` } });
  const create = list.body!._templates!.create!;
  const template = (recipe: HalBody | null, name: string) => {
    const found = recipe?._templates?.[name];
    if (!found) throw new Error(`the new recipe offers its owner no "${name}" template`);
    return found;
  };
  const draft = await send(create, base, token, { name: 'Mixed-load draft', cook_time: 10 });
  const published = await send(create, base, token, { name: 'Mixed-load hot recipe', cook_time: 20, description: 'Edited during the run' });
  await send(template(published.body, 'publish'), base, token);
  const pages = await hotPages(discovery, options.hotPages, words);
  for (const url of pages) await fetchHal(url, { headers: { Accept: HAL } }); // warm: every hot page is held

  const before = varnish.counters();
  const latencies: number[] = [];
  let readErrors = 0;
  let writeErrors = 0;
  const edits = { draft: 0, published: 0 };
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const paced = async (perSecond: number, act: (n: number) => Promise<void>) => {
    for (let n = 0; ; n++) {
      const at = started + (n * 1000) / perSecond;
      if (at >= end) return;
      await sleepUntil(at);
      await act(n);
    }
  };
  const reader = (offset: number, readers: number) => paced(options.readsPerSecond / readers, async (n) => {
    const t0 = performance.now();
    const response = await fetch(pages[(n * readers + offset) % pages.length]!, { headers: { Accept: HAL } }).catch(() => null);
    await response?.arrayBuffer();
    if (response?.status === 200) latencies.push(performance.now() - t0);
    else readErrors++;
  });
  const patch = (recipe: HalBody | null, body: object) => send(template(recipe, 'edit'), base, token, body).then(
    (answer) => {
      if (answer.status !== 200) writeErrors++;
      return answer.status === 200;
    },
    () => {
      writeErrors++;
      return false;
    },
  );
  const readers = 20;
  await Promise.all([
    ...Array.from({ length: readers }, (_, i) => reader(i, readers)),
    paced(options.draftEditsPerSecond, async (n) => {
      if (await patch(draft.body, { description: `draft edit ${n}` })) edits.draft++;
    }),
    paced(options.publishedEditsPerSecond, async (n) => {
      if (await patch(published.body, n % 2 ? { cook_time: 20 + (n % 7) } : { description: `published edit ${n}` })) edits.published++;
    }),
  ]);
  const seconds = (performance.now() - started) / 1000;
  const after = varnish.counters();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? Number.NaN;
  await Promise.all([draft.body, published.body].map((recipe) => send(template(recipe, 'delete'), base, token)));
  return {
    setup, options, reads: latencies.length + readErrors, readErrors, p50: at(0.5), p99: at(0.99),
    draftEdits: edits.draft, publishedEdits: edits.published, writeErrors,
    hits: after.hit - before.hit, misses: after.miss - before.miss,
    originPerSecond: (after.backend - before.backend - (after.pass - before.pass)) / seconds, revalidated304: after.fetch304 - before.fetch304,
  };
}
