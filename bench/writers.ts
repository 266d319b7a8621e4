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

/**
 * What each writer writes: a recipe of a real one's size (issue 17: directions of ~690 characters, a
 * little over the median of 73 228 published recipes, and 14 ingredient lines), since every create
 * and publish rewrites its search entries.
 */
const RECIPE = {
  name: 'Slow-cooked chickpea and spinach curry with coconut rice',
  description: 'A weeknight curry that tastes even better reheated: chickpeas, spinach and tomatoes in a spiced coconut sauce.',
  num_of_servings: 4, cook_time: 45,
  ingredients: ['2 tbsp olive oil', '1 large onion, finely chopped', '3 cloves garlic, crushed', '1 thumb ginger, grated',
    '2 tsp ground cumin', '1 tsp turmeric', '1 tsp garam masala', '1 can (400 g) chopped tomatoes', '2 cans (800 g) chickpeas, drained',
    '1 can (400 ml) coconut milk', '200 g baby spinach', '1 lime, juiced', 'salt and black pepper', '300 g basmati rice'].join('\n'),
  directions: ['1. Heat the oil in a large pan over a medium heat and fry the onion for 8 minutes until soft and golden.',
    '2. Add the garlic and ginger and cook for a minute more, stirring so that nothing catches.',
    '3. Stir in the cumin, turmeric and garam masala and toast them for 30 seconds until fragrant.',
    '4. Tip in the tomatoes and the chickpeas, bring to a simmer and cook for 10 minutes.',
    '5. Pour in the coconut milk and simmer gently for 15 minutes until the sauce thickens.',
    '6. Meanwhile, rinse the rice and cook it in salted water for 12 minutes, then drain and cover.',
    '7. Stir the spinach through the curry until it wilts, then add the lime juice.',
    '8. Season to taste and serve with the rice.'].join('\n'),
};

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
      const created = await submit(templates[i]!, base, token, { ...RECIPE, name: `Bench write ${i}.${n}: ${RECIPE.name}` });
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
