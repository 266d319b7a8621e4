import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { Ketting } from 'ketting';
import { ACCOUNT_TEST_ENV, createUser, type TestUser } from '../support/accounts.ts';
import { anonymousGet, warm } from '../support/cache-reads.ts';
import { OriginSwitch } from '../support/origin-switch.ts';
import { publishedRecipe, recipeState } from '../support/recipes.ts';
import { freePort } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { Varnish } from '../support/varnish.ts';

const run = promisify(execFile);

/** Polls until `check` holds, within a bound that only turns a hang into a failure. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * API.md §8 "stale when the origin is down", through the shipped VCL: a switch stands where nginx
 * stands in front of every instance, and takes them all down (connections refused) or makes them all
 * fail (502 pages). Varnish keeps serving the public pages it holds — also those a change purged just
 * before — and answers a clean 503 problem for what it does not hold; once the origin is back (and
 * Varnish's probe has seen it), a purged page is fetched fresh on its next request.
 */
describe('the shipped Varnish while every instance is down or failing', () => {
  let app: TestServer;
  let origin: OriginSwitch;
  let varnish: Varnish;
  let cook: TestUser;
  let base: string;
  let stew: string;
  let bun: string;
  let recipes: string;

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startTestServer({ env: { ...ACCOUNT_TEST_ENV, PUBLIC_BASE_URL: base, TRUST_PROXY: 'loopback', CACHE_PURGE_URL: base } });
    origin = new OriginSwitch(app.url);
    await origin.start();
    varnish = await Varnish.start({ port, backend: { port: origin.port } });
    const deployment: TestServer = { ...app, url: base, root: `${base}/`, client: () => new Ketting(`${base}/`) };
    cook = await createUser(deployment);
    stew = await publishedRecipe(cook, { name: 'Sturdy stew', cook_time: 90 });
    bun = await publishedRecipe(cook, { name: 'Brave bun', cook_time: 25 });
    recipes = (await deployment.client().go().follow('recipes')).uri;
  });
  after(async () => {
    await varnish?.stop();
    await origin?.stop();
    await app?.close();
  });

  it('keeps what it holds for CACHE_SHARED_MAX_AGE, and as long again in grace', async () => {
    await warm([stew]);
    const { stdout } = await run('varnishlog', ['-n', varnish.workDir, '-d', '-g', 'raw', '-i', 'TTL']);
    expect(stdout).to.match(/TTL\s+b VCL 86400 86400 0 /);
  });

  for (const mode of ['down', 'failing'] as const) {
    it(`origin ${mode}: the pages it holds, stale (a purged one too), and a 503 problem for the others; back up: fresh again`, async () => {
      await origin.set('up');
      await until('the probe sees the origin healthy', async () => (await varnish.backendHealth()) === 'healthy');
      await warm([stew, bun, recipes]);
      const before = await anonymousGet(stew);
      const renamed = `Sturdy stew ${mode}`;
      await (await recipeState(cook, stew)).action('edit').submit({ name: renamed });

      await origin.set(mode);
      const stillServed = async (when: string) => {
        const held = await anonymousGet(stew);
        expect([held.status, held.text, held.headers.get('etag')], `the purged recipe, ${when}`).to.deep.equal([200, before.text, before.headers.get('etag')]);
        expect((await anonymousGet(recipes)).status, when).to.equal(200);
        expect((await anonymousGet(bun)).json(), when).to.include({ name: 'Brave bun' });
      };
      // At once (the fetch fails, then what is held is served), and once the probe has seen it (served without a fetch).
      await stillServed('before the probe noticed');
      await until('the probe sees the origin sick', async () => (await varnish.backendHealth()) === 'sick');
      await stillServed('while the probe says sick');
      const unheld = `${recipes}?per_page=${mode === 'down' ? 3 : 4}`;
      const missing = await anonymousGet(unheld);
      expect([missing.status, missing.headers.get('content-type'), missing.headers.get('cache-control')])
        .to.deep.equal([503, 'application/problem+json', 'no-store']);
      expect(missing.json()).to.include({ type: '/problems/service-unavailable', status: 503, title: 'Service unavailable' });

      await origin.set('up');
      await until('the probe sees the origin healthy again', async () => (await varnish.backendHealth()) === 'healthy');
      const fresh = await anonymousGet(stew);
      expect([fresh.status, fresh.json().name]).to.deep.equal([200, renamed]);
      expect((await anonymousGet(unheld)).status).to.equal(200);
    });
  }
});
