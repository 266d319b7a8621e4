import { Ketting } from 'ketting';
import type { Logger } from 'pino';
import type { Config } from '../../src/config.ts';
import { ACCOUNT_TEST_ENV } from './accounts.ts';
import { freePort } from './smtp-inbox.ts';
import { startTestServer, type TestServer } from './test-server.ts';
import { Varnish } from './varnish.ts';

export interface AppBehindVarnish {
  /** The app itself (direct URLs: only for what a client of the cache must not see, e.g. SQL). */
  app: TestServer;
  varnish: Varnish;
  /**
   * The deployment as its clients see it: the same TestServer, but `url`, `root`, `client()` and
   * `fetch()` go through Varnish, so every helper (createUser, putImage, send, …) walks from
   * Varnish's "/" and its links (PUBLIC_BASE_URL is Varnish's URL).
   */
  public: TestServer;
  close(): Promise<void>;
}

/**
 * The real app (a clean schema) behind a real Varnish running the shipped VCL, as deploy/ wires
 * them: PUBLIC_BASE_URL is Varnish's URL (so purges carry its Host, the one clients send),
 * TRUST_PROXY=loopback, and with `purging` CACHE_PURGE_URL points at that Varnish.
 */
export async function startBehindVarnish(options: {
  purging: boolean; env?: Record<string, string>; logger?: Logger; config?: Partial<Config>;
}): Promise<AppBehindVarnish> {
  const port = await freePort(); // chosen first: the app's PUBLIC_BASE_URL and CACHE_PURGE_URL name it
  const base = `http://127.0.0.1:${port}`;
  const app = await startTestServer({
    env: {
      ...ACCOUNT_TEST_ENV, PUBLIC_BASE_URL: base, TRUST_PROXY: 'loopback', ...(options.purging && { CACHE_PURGE_URL: base }), ...options.env,
    },
    ...(options.logger && { logger: options.logger }),
    ...(options.config && { config: options.config }),
  });
  let varnish: Varnish;
  try {
    varnish = await Varnish.start({ port, backend: { port: Number(new URL(app.url).port) } });
  } catch (error) {
    await app.close();
    throw error;
  }
  const root = `${base}/`;
  const viaCache: TestServer = {
    ...app,
    url: base,
    root,
    client: () => new Ketting(root),
    fetch: (target, init) => fetch(target.startsWith('http') ? target : base + target, init),
  };
  return {
    app, varnish, public: viaCache,
    async close() {
      await varnish.stop();
      await app.close();
    },
  };
}
