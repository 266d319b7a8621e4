import path from 'node:path';
import { expect } from 'chai';
import { Ketting } from 'ketting';
import { ACCOUNT_TEST_ENV, createUser, type TestUser } from '../support/accounts.ts';
import { makeImage, putImage } from '../support/images.ts';
import { HAL, publishedRecipe, recipeState } from '../support/recipes.ts';
import { freePort } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { Nginx } from '../support/nginx.ts';

const MAX_AGE = 2;

/**
 * nginx's proxy_cache as an operator sets up a generic cache: the origin's headers rule, no
 * Smilecook-specific rule, no purges. (Squid and Traffic Server read Cache-Control the same way:
 * deploy/README.md.)
 */
const genericCache = (appPort: number) => (dir: string, port: number) => `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  access_log ${path.join(dir, 'access.log')};
  proxy_cache_path ${dir}/cache keys_zone=generic:1m;
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 6m;
    location / {
      proxy_pass http://127.0.0.1:${appPort};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_cache generic;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`;

/** Polls until `check` holds, within a generous bound (it only turns a hang into a failure). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * API.md §7 behind a cache that gets no purges: a cover served `public, max-age=31536000, immutable`
 * stayed in Squid, Traffic Server and nginx for a year after its recipe was unpublished or deleted.
 * With `s-maxage=CACHE_MAX_AGE` such a cache asks again within CACHE_MAX_AGE and gets the 404.
 */
describe(`a generic cache (nginx proxy_cache, no purges): a hidden cover stops being served within CACHE_MAX_AGE=${MAX_AGE}`, () => {
  let app: TestServer;
  let nginx: Nginx;
  let cook: TestUser;

  const cached = async (url: string) => {
    const res = await fetch(url);
    await res.arrayBuffer();
    return { status: res.status, cache: res.headers.get('x-cache-status'), cacheControl: res.headers.get('cache-control') };
  };
  const coverOf = async (url: string, color: string) => {
    const href = (await recipeState(cook, url)).links.get('edit-media')!.href;
    const res = await putImage(app, href, cook.accessToken, await makeImage('png', 40, 40, color), 'image/png');
    return ((await res.json()) as { cover_url: string }).cover_url;
  };

  before(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    app = await startTestServer({ env: { ...ACCOUNT_TEST_ENV, PUBLIC_BASE_URL: base, CACHE_MAX_AGE: String(MAX_AGE) } });
    nginx = await Nginx.startWith(genericCache(Number(new URL(app.url).port)), port);
    cook = await createUser({ ...app, url: base, root: `${base}/`, client: () => new Ketting(`${base}/`) });
  });
  after(async () => {
    await nginx?.stop();
    await app?.close();
  });

  for (const change of ['unpublish', 'delete'] as const) {
    it(`${change}: the cover, a HIT before, is a 404 from the cache once CACHE_MAX_AGE has passed`, async () => {
      const recipe = await publishedRecipe(cook, { name: `Fleeting flan (${change})` });
      const cover = await coverOf(recipe, change === 'delete' ? '#102030' : '#302010');
      await cached(cover);
      const hit = await cached(cover);
      expect([hit.status, hit.cache, hit.cacheControl]).to.deep.equal([200, 'HIT', `public, max-age=31536000, s-maxage=${MAX_AGE}, immutable`]);
      await (await recipeState(cook, recipe)).action(change).submit({});
      expect((await app.fetch(new URL(cover).pathname, { headers: { Accept: HAL } })).status, 'the origin').to.equal(404);
      await until('the cache answers 404 for the hidden cover', async () => (await cached(cover)).status === 404);
    });
  }
});
