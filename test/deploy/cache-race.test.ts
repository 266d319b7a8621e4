import { expect } from 'chai';
import { Ketting } from 'ketting';
import { ACCOUNT_TEST_ENV, createUser, type TestUser } from '../support/accounts.ts';
import { anonymousGet, warm } from '../support/cache-reads.ts';
import { OriginSwitch } from '../support/origin-switch.ts';
import { publishedRecipe, recipeState } from '../support/recipes.ts';
import { freePort } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { Varnish } from '../support/varnish.ts';

/** Polls until `check` holds, within a bound that only turns a hang into a failure. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * API.md §8 under a race: a read answered by the origin before a change commits, but stored by the
 * cache after the change's purge (the purge cannot reach an object still being fetched), would keep the
 * old page for CACHE_SHARED_MAX_AGE. The app purges each change's keys once more a moment later
 * (src/http/purge-changes.ts), so such a page is replaced too. The race is made on purpose: a switch
 * between the app and Varnish holds the app's answer until the change is done.
 */
describe('cache tags: a read in flight across a change is purged again', () => {
  let app: TestServer;
  let origin: OriginSwitch;
  let varnish: Varnish;
  let cook: TestUser;

  before(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    app = await startTestServer({ env: { ...ACCOUNT_TEST_ENV, PUBLIC_BASE_URL: base, TRUST_PROXY: 'loopback', CACHE_PURGE_URL: base } });
    origin = new OriginSwitch(app.url);
    await origin.start();
    varnish = await Varnish.start({ port, backend: { port: origin.port } });
    cook = await createUser({ ...app, url: base, root: `${base}/`, client: () => new Ketting(`${base}/`) });
  });
  after(async () => {
    await varnish?.stop();
    await origin?.stop();
    await app?.close();
  });

  it('stores what the origin read before the change, then replaces it within moments: no stale page for a day', async () => {
    const url = await publishedRecipe(cook, { name: 'Racing risotto' });
    await warm([url]);
    const edit = async (name: string) => (await recipeState(cook, url)).action('edit').submit({ name });
    await edit('Racing risotto II'); // purged: the next read fetches it again
    const held = origin.hold(new URL(url).pathname);
    const inFlight = anonymousGet(url);
    await held.arrived; // the app has read 'II' and answered; the cache has not got it yet
    await edit('Racing risotto III'); // committed and purged while that fetch is in flight
    held.release();
    expect((await inFlight).json(), 'the read that crossed the change').to.include({ name: 'Racing risotto II' });
    expect((await anonymousGet(url)).json(), 'stored after the purge: the race happened').to.include({ name: 'Racing risotto II' });
    await until('the cache serves what the origin sends', async () => (await anonymousGet(url)).json().name === 'Racing risotto III');
  });
});
