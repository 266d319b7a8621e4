/**
 * The write benchmark: W concurrent writers, each logged in as its own seeded user, spread over the API
 * instances, each repeating "create a draft through the collection's `create` template, then publish it
 * through the new recipe's `publish` template" for a fixed time. Meanwhile PostgreSQL's lock waits are
 * sampled (bench/lock-sampler.ts).
 */
import { ACCEPT_FORMS } from './discovery.ts';
import { fetchHal, link, resolve, type HalBody, type Template } from './hypermedia.ts';
import { sampleLocks, type LockSample } from './lock-sampler.ts';

export interface Writer { base: string; token: string }

export interface WriteResult {
  writers: number;
  seconds: number;
  /** Recipes created and published (two requests each). */
  recipes: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  /** Latency of one create + publish, ms. */
  p50: number;
  p99: number;
  locks: LockSample;
}

async function submit(template: Template, base: string, token: string, body?: object): Promise<{ status: number; body: HalBody | null }> {
  const { status, body: answer } = await fetchHal(resolve(template.target ?? '', base), {
    method: (template.method ?? 'POST').toUpperCase(),
    headers: { Accept: ACCEPT_FORMS, Authorization: `Bearer ${token}`, ...(body && { 'Content-Type': template.contentType ?? 'application/json' }) },
    body: body ? JSON.stringify(body) : null,
  });
  return { status, body: answer };
}

/** The `create` template of the collection the root links as `recipes`, as this caller sees it. */
export async function createTemplate(base: string, token: string): Promise<Template> {
  const headers = { Accept: ACCEPT_FORMS, Authorization: `Bearer ${token}` };
  const root = await fetchHal(`${base}/`, { headers });
  const recipes = link(root.body, 'recipes');
  if (!recipes) throw new Error('the root has no "recipes" link');
  const page = await fetchHal(resolve(recipes.href, base), { headers });
  const template = page.body?._templates?.create;
  if (!template) throw new Error(`${recipes.href} offers no "create" template to a logged-in user`);
  return template;
}

export async function runWriters(writers: Writer[], seconds: number, databaseUrl: string): Promise<WriteResult> {
  const templates = await Promise.all(writers.map((w) => createTemplate(w.base, w.token)));
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  const count = (status: number, ok: boolean) => { statuses[status] = (statuses[status] ?? 0) + 1; if (!ok) errors++; };
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const sampler = sampleLocks(databaseUrl, writers.length);
  await Promise.all(writers.map(async ({ base, token }, i) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const t0 = performance.now();
      const created = await submit(templates[i]!, base, token, {
        name: `Bench write ${i}.${n}`, description: 'Written by bench/writers.ts', num_of_servings: 2, cook_time: 20,
        ingredients: '1 egg\n1 pinch salt', directions: '1. Whisk.\n2. Fry.',
      });
      count(created.status, created.status === 201);
      const publish = created.body?._templates?.publish;
      if (created.status !== 201 || !publish) continue;
      const published = await submit(publish, base, token);
      count(published.status, published.status === 200);
      if (published.status === 200) latencies.push(performance.now() - t0);
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  const locks = await sampler.stop();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? Number.NaN;
  return {
    writers: writers.length, seconds: elapsed, recipes: latencies.length,
    requests: Object.values(statuses).reduce((a, b) => a + b, 0), errors, statuses, p50: at(0.5), p99: at(0.99), locks,
  };
}
