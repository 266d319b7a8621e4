import { expect } from 'chai';
import type { TestUser } from '../support/accounts.ts';
import { createRecipe, HAL_FORMS, send, view } from '../support/recipes.ts';
import { type TestServer } from '../support/test-server.ts';
import { startWithCook } from '../support/cook-server.ts';

/** Bodies against the recipe-create / recipe-edit schemas, partial PATCH and If-Match (API.md §5, §8). */
describe('recipes: validation, partial edits and If-Match', () => {
  let server: TestServer;
  let cook: TestUser;
  let createTarget: string;

  before(async () => {
    ({ server, cook, create: createTarget } = await startWithCook());
  });
  after(async () => {
    await server?.close();
  });

  const recipeCount = async () => Number((await server.sql<{ n: string }>('select count(*) as n from recipes'))[0]!.n);
  const create = (body: unknown) => send(server, 'POST', createTarget, cook.accessToken, body);
  const pointers = (res: { body: { errors?: Array<{ pointer: string }> } }) => (res.body.errors ?? []).map((e) => e.pointer);

  const bounds: Array<[string, unknown, unknown]> = [
    // property, a value at the bound (accepted), a value just beyond it (refused)
    ['name', 'n'.repeat(200), 'n'.repeat(201)],
    ['name', 'n', ''],
    ['description', 'd'.repeat(2000), 'd'.repeat(2001)],
    ['num_of_servings', 1, 0],
    ['num_of_servings', 50, 51],
    ['num_of_servings', null, 2.5],
    ['cook_time', 1, 0],
    ['cook_time', 1440, 1441],
    ['cook_time', null, '30'],
    ['ingredients', 'i'.repeat(10000), 'i'.repeat(10001)],
    ['directions', 'x'.repeat(20000), 'x'.repeat(20001)],
  ];

  it('accepts every property at its bounds and refuses just beyond them (422, pointer), storing nothing', async () => {
    for (const [property, ok, bad] of bounds) {
      const accepted = await create({ name: 'Bounds', [property]: ok });
      expect(accepted.status, `${property}=${String(ok).slice(0, 10)}`).to.equal(201);
      expect(accepted.body[property]).to.equal(ok);
      const before = await recipeCount();
      const refused = await create({ name: 'Bounds', [property]: bad });
      expect(refused.status, `${property}=${String(bad).slice(0, 10)}`).to.equal(422);
      expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(refused.body.type).to.equal('/problems/validation-failed');
      expect(pointers(refused)).to.include(`/${property}`);
      expect(await recipeCount()).to.equal(before);
    }
  });

  it('requires a name on create and refuses unknown and read-only properties whatever their value', async () => {
    const before = await recipeCount();
    expect(pointers(await create({ description: 'no name' }))).to.deep.equal(['/name']);
    for (const property of ['id', 'is_publish', 'cover_url', 'created_at', 'updated_at', 'user_id', 'author', 'servings']) {
      const res = await create({ name: 'Sneaky', [property]: property === 'is_publish' ? false : 1 });
      expect(res.status, property).to.equal(422);
      expect(pointers(res), property).to.deep.equal([`/${property}`]);
    }
    expect(await recipeCount()).to.equal(before);
    const hal = await create({ name: 'With HAL members', _links: { self: { href: '/x' } }, _templates: {} });
    expect(hal.status).to.equal(201);
    const text = await server.fetch(createTarget, {
      method: 'POST', headers: { Authorization: `Bearer ${cook.accessToken}`, 'Content-Type': 'text/plain' }, body: 'name=Plain',
    });
    expect(text.status).to.equal(415);
    expect(await recipeCount()).to.equal(before + 1);
  });

  it('changes only the properties a PATCH sends; null clears a number; bad values change nothing', async () => {
    const url = await createRecipe(cook, {
      name: 'Lasagne', description: 'Layers', num_of_servings: 4, cook_time: 60, ingredients: 'pasta', directions: 'Bake.',
    });
    const edited = await send(server, 'PATCH', url, cook.accessToken, { description: 'Many layers' });
    expect(edited.status).to.equal(200);
    expect(edited.body).to.include({
      name: 'Lasagne', description: 'Many layers', num_of_servings: 4, cook_time: 60, ingredients: 'pasta', directions: 'Bake.',
    });
    expect((await send(server, 'PATCH', url, cook.accessToken, { num_of_servings: null })).body)
      .to.include({ num_of_servings: null, cook_time: 60 });
    for (const body of [{ cook_time: 1441 }, { name: 'Fine', is_publish: true }, { name: '' }, { name: 'Fine', id: 1 }]) {
      const res = await send(server, 'PATCH', url, cook.accessToken, body);
      expect(res.status, JSON.stringify(body)).to.equal(422);
    }
    const after = await view(server, url, cook.accessToken);
    expect(after.body).to.include({ name: 'Lasagne', description: 'Many layers', cook_time: 60, is_publish: false });
    expect(after.body.updated_at >= after.body.created_at).to.equal(true);
  });

  it('applies a write whose If-Match names the current ETag of either representation', async () => {
    const url = await createRecipe(cook, { name: 'Risotto' });
    const hal = (await view(server, url, cook.accessToken)).headers.get('etag')!;
    const forms = (await view(server, url, cook.accessToken, { Accept: HAL_FORMS })).headers.get('etag')!;
    expect(forms).to.not.equal(hal);
    const first = await send(server, 'PATCH', url, cook.accessToken, { cook_time: 25 }, { 'If-Match': hal });
    expect(first.status).to.equal(200);
    const current = (await view(server, url, cook.accessToken, { Accept: HAL_FORMS })).headers.get('etag')!;
    const second = await send(server, 'PATCH', url, cook.accessToken, { cook_time: 30 }, { 'If-Match': `"nope", ${current}` });
    expect(second.status).to.equal(200);
    expect((await send(server, 'PATCH', url, cook.accessToken, { cook_time: 35 }, { 'If-Match': '*' })).status).to.equal(200);
  });

  it('refuses a stale or weak If-Match with 412 and changes nothing (edit, publish, delete)', async () => {
    const url = await createRecipe(cook, { name: 'Goulash', cook_time: 90 });
    const stale = (await view(server, url, cook.accessToken)).headers.get('etag')!;
    const { publish, delete: remove } = (await view(server, url, cook.accessToken)).body._templates!;
    expect((await send(server, 'PATCH', url, cook.accessToken, { cook_time: 80 })).status).to.equal(200);
    const current = (await view(server, url, cook.accessToken)).headers.get('etag')!;

    const edit = await send(server, 'PATCH', url, cook.accessToken, { cook_time: 10 }, { 'If-Match': stale });
    expect(edit.status).to.equal(412);
    expect(edit.body.type).to.equal('/problems/precondition-failed');
    expect((await send(server, 'PATCH', url, cook.accessToken, { cook_time: 10 }, { 'If-Match': `W/${current}` })).status)
      .to.equal(412);
    expect((await send(server, publish!.method, publish!.target, cook.accessToken, undefined, { 'If-Match': stale })).status)
      .to.equal(412);
    expect((await send(server, remove!.method, remove!.target, cook.accessToken, undefined, { 'If-Match': stale })).status)
      .to.equal(412);

    const after = await view(server, url, cook.accessToken);
    expect(after.status).to.equal(200);
    expect(after.body).to.include({ cook_time: 80, is_publish: false });
    expect(after.headers.get('etag')).to.equal(current);
    expect((await send(server, remove!.method, remove!.target, cook.accessToken, undefined, { 'If-Match': current })).status)
      .to.equal(204);
  });

  it('lets only one of two concurrent writes with the same If-Match through', async () => {
    const url = await createRecipe(cook, { name: 'Race', cook_time: 5 });
    const etag = (await view(server, url, cook.accessToken)).headers.get('etag')!;
    const results = await Promise.all([6, 7, 8, 9].map((cookTime) =>
      send(server, 'PATCH', url, cook.accessToken, { cook_time: cookTime }, { 'If-Match': etag })));
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).to.deep.equal([200, 412, 412, 412]);
    const winner = results.find((res) => res.status === 200)!.body.cook_time;
    expect((await view(server, url, cook.accessToken)).body.cook_time).to.equal(winner);
  });
});
