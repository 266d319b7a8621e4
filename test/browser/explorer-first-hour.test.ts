import { ACCOUNT_TEST_ENV, createUser } from '../support/accounts.ts';
import { keyboard, mouse } from '../support/explorer-actors.ts';
import { firstHour } from '../support/explorer-flow.ts';
import { explorerSuite } from '../support/explorer-suite.ts';
import { publishedRecipe } from '../support/recipes.ts';

// The same flow by mouse and by keyboard: each actor gets a server and a browser of its own.
for (const actor of [mouse, keyboard]) describe(`explorer: a person's first hour by ${actor.name} only, at 1280 px and on a 390 × 844 phone`, function () {
  this.timeout(180_000); // a whole flow in a browser, on a loaded machine
  const suite = explorerSuite({ env: ACCOUNT_TEST_ENV });

  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const steps = 'registers, activates, logs in, writes, reloads, publishes, adds a cover, searches, sorts, pages, edits with a mistake, deletes and logs out';
    it(`${steps} at ${viewport.width} px`, async () => {
      // Somebody else's published recipe with the same word, cooked faster: the search finds two, one per page.
      const word = `zucchini${viewport.width}${actor.name}`;
      await publishedRecipe(await createUser(suite.server), { name: `Quick ${word}`, cook_time: 10, num_of_servings: 2 });
      const { page, watch } = await suite.blank(viewport);
      await firstHour({ server: suite.server, page, watch, actor, word });
    });
  }
});
