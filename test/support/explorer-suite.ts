import type { Browser, Page } from 'playwright-core';
import { createUser, type TestUser } from './accounts.ts';
import { launchBrowser, watchPage, type PageWatch } from './browser.ts';
import { useDeveloperView } from './explorer-checks.ts';
import { explorerPage } from './explorer-page.ts';
import { startTestServer, type TestServer } from './test-server.ts';

type Viewport = { width: number; height: number };

export interface ExplorerSuiteOptions {
  /** The test server's environment (e.g. ACCOUNT_TEST_ENV, PUBLIC_BASE_URL). */
  env?: Record<string, string>;
  /** How many activated, logged-in accounts to create once the server is up (in `users`). */
  users?: number;
  /** Open every page in the explorer's developer view (statuses, headers, relations, raw bodies). */
  developer?: boolean;
}

/** Per page: the developer view or the person's, whatever the suite's default. */
export interface PageOptions {
  developer?: boolean;
}

/** What an explorer suite's tests use; the handles exist from the suite's first `before` hook on. */
export interface ExplorerSuite {
  readonly server: TestServer;
  readonly browser: Browser;
  readonly users: readonly TestUser[];
  /** A new page at /explorer, watched, logged in through the header as `user` when given. */
  open(user?: { username: string; password: string }, viewport?: Viewport, options?: PageOptions): Promise<{ page: Page; watch: PageWatch }>;
  /** A new blank page, watched (the test navigates). */
  blank(viewport?: Viewport, options?: PageOptions): Promise<{ page: Page; watch: PageWatch }>;
}

/**
 * The setup every explorer suite shares, as mocha hooks of the calling `describe`: a test server
 * (a clean schema) and headless Chromium, started together in `before`, then `users` accounts;
 * closed in `after`. A page opened inside a test (or a `beforeEach`) is closed after that test; one
 * opened in a `before` hook lives until the suite ends. The file's own `before` hooks, registered
 * after this call, run once the server and the browser are up.
 */
export function explorerSuite(options: ExplorerSuiteOptions = {}): ExplorerSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const users: TestUser[] = [];
  const pagesOfTheTest: Page[] = [];
  let inTest = false;

  before(async () => {
    const [started, launched] = await Promise.allSettled([startTestServer({ env: options.env ?? {} }), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
    for (let i = 0; i < (options.users ?? 0); i += 1) users.push(await createUser(server!));
  });
  beforeEach(() => {
    inTest = true;
  });
  afterEach(async () => {
    inTest = false;
    for (const page of pagesOfTheTest.splice(0)) await page.close();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const kept = <T extends { page: Page }>(opened: T): T => {
    if (inTest) pagesOfTheTest.push(opened.page);
    return opened;
  };
  const started = <T>(handle: T | undefined, name: string): T => {
    if (!handle) throw new Error(`explorerSuite: no ${name} yet (use it in hooks and tests, not in the describe body)`);
    return handle;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    users,
    async open(user, viewport, { developer = options.developer ?? false } = {}) {
      return kept(await explorerPage(started(browser, 'browser'), started(server, 'server'), user, viewport, { developer }));
    },
    async blank(viewport, { developer = options.developer ?? false } = {}) {
      const page = await started(browser, 'browser').newPage(viewport ? { viewport } : {});
      if (developer) await useDeveloperView(page);
      return kept({ page, watch: await watchPage(page) });
    },
  };
}
