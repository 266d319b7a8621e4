import type { Browser } from 'playwright-core';
import { ACCOUNT_TEST_ENV, createUser } from './support/accounts.ts';
import { launchBrowser, watchPage } from './support/browser.ts';
import { keyboard, mouse } from './support/explorer-actors.ts';
import { firstHour } from './support/explorer-flow.ts';
import { publishedRecipe } from './support/recipes.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

// The same flow by mouse and by keyboard: each actor gets a server and a browser of its own.
for (const actor of [mouse, keyboard]) describe(`explorer: a person's first hour by ${actor.name} only, at 1280 px and on a 390 × 844 phone`, function () {
  this.timeout(180_000); // a whole flow in a browser, on a loaded machine
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer({ env: ACCOUNT_TEST_ENV }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const steps = 'registers, activates, logs in, writes, reloads, publishes, adds a cover, searches, sorts, pages, edits with a mistake, deletes and logs out';
    it(`${steps} at ${viewport.width} px`, async () => {
      // Somebody else's published recipe with the same word, cooked faster: the search finds two, one per page.
      const word = `zucchini${viewport.width}${actor.name}`;
      await publishedRecipe(await createUser(server), { name: `Quick ${word}`, cook_time: 10, num_of_servings: 2 });
      const page = await browser.newPage({ viewport });
      try {
        await firstHour({ server, page, watch: await watchPage(page), actor, word });
      } finally {
        await page.close();
      }
    });
  }
});
