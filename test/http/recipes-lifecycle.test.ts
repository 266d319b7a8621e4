import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { createRecipe, recipesOf, recipeState, send, templateNames, view } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** The life of a recipe by templates only, and the answers of every write (API.md §5). */
describe('recipes: life cycle by templates', () => {
  let server: TestServer;
  let cook: TestUser;

  before(async () => {
    server = await startTestServer();
    cook = await createUser(server);
  });
  after(async () => {
    await server?.close();
  });

  it('creates, edits, publishes, unpublishes and deletes a recipe by templates only', async () => {
    const collection = await recipesOf(cook);
    const created = await collection.action('create').submit({
      name: 'Tomato soup', description: 'Red and warm', num_of_servings: 2, cook_time: 30, ingredients: 'tomatoes', directions: 'Simmer.',
    });
    expect(created.data).to.include({ name: 'Tomato soup', num_of_servings: 2, cook_time: 30, is_publish: false, cover_url: null });
    const recipe = created.follow('self');

    let state = await recipe.refresh();
    expect(state.data).to.include({ name: 'Tomato soup', description: 'Red and warm' });
    state = await state.action('edit').submit({ name: 'Tomato soup deluxe' });
    expect(state.data).to.include({ name: 'Tomato soup deluxe', description: 'Red and warm', cook_time: 30, ingredients: 'tomatoes' });

    state = await (await recipe.refresh()).action('publish').submit({});
    expect(state.data).to.include({ is_publish: true, name: 'Tomato soup deluxe' });
    const url = state.links.get('self')!.href;
    expect((await view(server, url, null)).status).to.equal(200);

    state = await (await recipe.refresh()).action('unpublish').submit({});
    expect(state.data).to.include({ is_publish: false });
    expect((await view(server, url, null)).status).to.equal(404);

    await (await recipe.refresh()).action('delete').submit({});
    expect((await view(server, url, cook.accessToken)).status).to.equal(404);
  });

  it('answers create with 201, Location, Content-Location, the body and rel="invalidates" links', async () => {
    const target = (await recipesOf(cook)).action('create').uri;
    const res = await send(server, 'POST', target, cook.accessToken, { name: 'Pancakes' });
    expect(res.status).to.equal(201);
    const self = res.body._links.self.href;
    expect(self).to.match(/^\/recipes\/\d+$/);
    expect(res.headers.get('location')).to.equal(self);
    expect(res.headers.get('content-location')).to.equal(self);
    expect(res.body).to.include({ name: 'Pancakes', description: '', num_of_servings: null, cook_time: null, is_publish: false });
    const link = res.headers.get('link')!;
    expect(link).to.include('</recipes>; rel="invalidates"');
    expect(link).to.include(`</users/${cook.username}/recipes>; rel="invalidates"`);
    expect(res.headers.get('cache-control')).to.match(/^private/);
  });

  it('answers edit, publish and unpublish with 200, Content-Location and invalidations; delete with 204', async () => {
    const url = await createRecipe(cook, { name: 'Bread' });
    const draft = await view(server, url, cook.accessToken);
    const { edit, publish } = draft.body._templates!;
    const checks = async (res: Awaited<ReturnType<typeof send>>, expected: Record<string, unknown>) => {
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-location')).to.equal(url);
      expect(res.headers.get('link')).to.include('</recipes>; rel="invalidates"');
      expect(res.headers.get('link')).to.include(`</users/${cook.username}/recipes>; rel="invalidates"`);
      expect(res.body).to.include(expected);
    };
    await checks(await send(server, edit!.method, edit!.target, cook.accessToken, { cook_time: 45 }), { cook_time: 45 });
    await checks(await send(server, publish!.method, publish!.target, cook.accessToken), { is_publish: true });
    const { unpublish, delete: remove } = (await view(server, url, cook.accessToken)).body._templates!;
    await checks(await send(server, unpublish!.method, unpublish!.target, cook.accessToken), { is_publish: false });

    const deleted = await send(server, remove!.method, remove!.target, cook.accessToken);
    expect(deleted.status).to.equal(204);
    expect(deleted.body).to.equal(null);
    expect(deleted.headers.get('link')).to.include('</recipes>; rel="invalidates"');
    expect(deleted.headers.get('link')).to.include(`</users/${cook.username}/recipes>; rel="invalidates"`);
    expect(deleted.headers.get('cache-control')).to.equal('no-store');
  });

  it('treats a repeated publish or unpublish as done: 200 with the representation, nothing changed (API.md §5)', async () => {
    const url = await createRecipe(cook, { name: 'Jam' });
    const { publish } = (await view(server, url, cook.accessToken)).body._templates!;
    const published = await send(server, 'PUT', publish!.target, cook.accessToken);
    expect(published.status).to.equal(200);
    const again = await send(server, 'PUT', publish!.target, cook.accessToken);
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal(published.body);
    expect(again.headers.get('etag')).to.equal(published.headers.get('etag'));
    expect(again.headers.get('content-location')).to.equal(url);
    const { unpublish } = published.body._templates!;
    const draft = await send(server, 'DELETE', unpublish!.target, cook.accessToken);
    expect(draft.status).to.equal(200);
    const draftAgain = await send(server, 'DELETE', unpublish!.target, cook.accessToken);
    expect(draftAgain.status).to.equal(200);
    expect(draftAgain.body).to.deep.equal(draft.body);
    expect(draftAgain.body.is_publish).to.equal(false);
    expect(templateNames(draftAgain.body)).to.deep.equal(['delete', 'edit', 'publish']);
    expect((await view(server, url, cook.accessToken)).body.updated_at).to.equal(draft.body.updated_at);
  });

  it('prefills the edit template with the current values', async () => {
    const url = await createRecipe(cook, { name: 'Curry', description: 'Spicy', cook_time: 40, ingredients: 'rice' });
    const edit = (await recipeState(cook, url)).action('edit');
    expect(edit.method).to.equal('PATCH');
    expect(edit.uri).to.match(new RegExp(`${url}$`));
    expect(edit.field('name')!.value).to.equal('Curry');
    expect(edit.field('description')!.value).to.equal('Spicy');
    expect(edit.field('cook_time')!.value).to.equal(40);
    expect(edit.field('ingredients')!.value).to.equal('rice');
    expect(edit.field('num_of_servings')!.value).to.equal(undefined);
    const fields = edit.fields.map((field) => field.name).sort();
    expect(fields).to.deep.equal(['cook_time', 'description', 'directions', 'ingredients', 'name', 'num_of_servings']);
    expect(templateNames((await view(server, url, cook.accessToken)).body)).to.deep.equal(['delete', 'edit', 'publish']);
  });

  it('answers a malformed or out-of-range recipe id with 404, never 500', async () => {
    const url = await createRecipe(cook, { name: 'Anything' });
    const { publish } = (await view(server, url, cook.accessToken)).body._templates!;
    // The recipe's own URIs, as its links and templates give them, with the id segment swapped for a bad one.
    const withId = (uri: string, id: string) => uri.replace(`/${url.split('/').pop()}`, `/${id}`);
    for (const id of ['abc', '0', '007', '-1', '1.5', '99999999999', '2147483648', '1e3']) {
      expect((await view(server, withId(url, id), cook.accessToken)).status, id).to.equal(404);
      expect((await send(server, 'PATCH', withId(url, id), cook.accessToken, { name: 'x' })).status, id).to.equal(404);
      expect((await send(server, 'PUT', withId(publish!.target, id), cook.accessToken)).status, id).to.equal(404);
    }
  });

  it('answers a wrong method with 405 and Allow, and OPTIONS with 204', async () => {
    const url = await createRecipe(cook, { name: 'Methods' });
    const res = await send(server, 'POST', url, cook.accessToken, {});
    expect(res.status).to.equal(405);
    expect(res.headers.get('allow')).to.equal('GET, PATCH, DELETE, HEAD, OPTIONS');
    const publishTarget = (await view(server, url, cook.accessToken)).body._templates!.publish!.target;
    expect((await send(server, 'OPTIONS', publishTarget, null)).headers.get('allow')).to.equal('PUT, DELETE, OPTIONS');
  });
});
