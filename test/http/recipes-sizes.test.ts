import { expect } from 'chai';
import type { TestUser } from '../support/accounts.ts';
import { createRecipe, HAL_FORMS, send, view } from '../support/recipes.ts';
import { type TestServer } from '../support/test-server.ts';
import { startWithCook } from '../support/cook-server.ts';

/** Recipe sizes that hold real recipes, a trimmed name, line breaks kept (API.md §5), as the create and edit templates say. */
describe('recipes: real recipes fit', () => {
  let server: TestServer;
  let cook: TestUser;
  let createTarget: string;

  before(async () => {
    ({ server, cook, create: createTarget } = await startWithCook());
  });
  after(async () => {
    await server?.close();
  });

  const create = (body: unknown) => send(server, 'POST', createTarget, cook.accessToken, body);
  const pointers = (res: { body: { errors?: Array<{ pointer: string }> } }) => (res.body.errors ?? []).map((e) => e.pointer);

  it('stores a long real recipe as sent, line breaks and all', async () => {
    const step = (n: number) => `${n}. Stir the sauce gently over a low heat, scraping the bottom of the pan.\r\n`;
    const recipe = {
      name: 'Grandmother\'s slow-roasted lamb shoulder with rosemary, garlic, anchovies, white beans and a long list of sides',
      description: `A Sunday roast.\n\n${'It feeds a crowd. '.repeat(100)}`.slice(0, 2000),
      ingredients: Array.from({ length: 120 }, (_, i) => `- ${i + 1} tbsp of something good`).join('\n'),
      directions: Array.from({ length: 120 }, (_, i) => step(i + 1)).join('\n'),
      cook_time: 720,
      num_of_servings: 12,
    };
    expect(recipe.directions.length).to.be.greaterThan(8696);
    const created = await create(recipe);
    expect(created.status).to.equal(201);
    expect((await view(server, created.headers.get('location')!, cook.accessToken)).body).to.include(recipe);
  });

  it('trims the name (its length counts after trimming) and refuses a blank one with a 422 at /name, on create and edit', async () => {
    const padded = await create({ name: `  \t${'n'.repeat(200)}\n ` });
    expect(padded.status).to.equal(201);
    expect(padded.body.name).to.equal('n'.repeat(200));
    expect((await create({ name: ` ${'n'.repeat(201)} ` })).status).to.equal(422);
    for (const name of ['   ', '\n\t', '\u00a0', '']) {
      const refused = await create({ name });
      expect(refused.status, JSON.stringify(name)).to.equal(422);
      expect(pointers(refused)).to.deep.equal(['/name']);
    }
    const url = await createRecipe(cook, { name: '  Soup  ', directions: '  Boil.\n\nServe.\n' });
    const soup = (await view(server, url, cook.accessToken)).body;
    expect(soup).to.include({ name: 'Soup', directions: '  Boil.\n\nServe.\n' });
    const blank = await send(server, 'PATCH', url, cook.accessToken, { name: '  ' });
    expect(blank.status).to.equal(422);
    expect(pointers(blank)).to.deep.equal(['/name']);
    expect((await send(server, 'PATCH', url, cook.accessToken, { name: ' Pea soup ' })).body.name).to.equal('Pea soup');
  });

  it('says the limits in the create and edit templates', async () => {
    const templates = (await send(server, 'GET', createTarget, cook.accessToken, undefined, { Accept: HAL_FORMS })).body._templates;
    const properties = Object.fromEntries((templates.create.properties as Array<{ name: string }>).map((p) => [p.name, p]));
    expect(properties.name).to.include({ minLength: 1, maxLength: 200 });
    expect(properties.description).to.include({ maxLength: 2000 });
    expect(properties.ingredients).to.include({ maxLength: 10000 });
    expect(properties.directions).to.include({ maxLength: 20000 });
    expect(properties.cook_time).to.include({ min: 1, max: 1440 });
  });
});
