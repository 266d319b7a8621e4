import { expect } from 'chai';
import type { State } from 'ketting';
import { createUser, type TestUser } from '../support/accounts.ts';
import { list, recipesOf, send, type RecipeBody } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const idsOf = (state: State) => state.getEmbedded().map((item) => (item.data as RecipeBody).id);

/** Paging through `/recipes` by links, and the query string rules (API.md §6). */
describe('recipes: paging and query parameters', () => {
  let server: TestServer;
  let cook: TestUser;
  let created: number[];
  let recipesHref: string;

  before(async () => {
    server = await startTestServer();
    cook = await createUser(server);
    const createTarget = (await recipesOf(cook)).action('create').uri;
    created = [];
    for (let i = 1; i <= 45; i++) {
      const draft = await send(server, 'POST', createTarget, cook.accessToken, { name: `Dish ${i}`, cook_time: (i % 7) + 1 });
      const publish = draft.body._templates.publish;
      expect((await send(server, publish.method, publish.target, cook.accessToken)).status).to.equal(200);
      created.push(draft.body.id);
    }
    recipesHref = (await server.client().go().get()).links.get('recipes')!.href;
  });
  after(async () => {
    await server?.close();
  });

  it('pages through 45 recipes by following next: each exactly once, newest first, per_page kept', async () => {
    const anonymous = server.client();
    let state = await (await anonymous.go().follow('search', { per_page: 10 })).get();
    expect(state.data).to.include({ page: 1, per_page: 10, total: 45, pages: 5 });
    expect(state.links.has('prev')).to.equal(false);
    const last = state.links.get('last')!.href;
    const seen: number[] = [...idsOf(state)];
    let pages = 1;
    while (state.links.has('next')) {
      expect(state.links.get('next')!.href).to.include('per_page=10');
      state = await state.follow('next').get();
      pages += 1;
      expect(state.data).to.include({ page: pages, total: 45, pages: 5 });
      expect(state.links.has('prev')).to.equal(true);
      expect(state.links.get('first')!.href).to.include('per_page=10');
      seen.push(...idsOf(state));
    }
    expect(pages).to.equal(5);
    expect(state.links.get('self')!.href).to.equal(last);
    expect(idsOf(state)).to.have.length(5);
    expect(seen).to.deep.equal([...created].reverse());
    const back = await state.follow('prev').get();
    expect(back.data).to.include({ page: 4 });
  });

  it('keeps q, sort, order and per_page in self, first, last, prev and next; offers search as on the root', async () => {
    const state = await (await server.client().go().follow('search', { q: 'dish', sort: 'cook_time', order: 'asc', per_page: 4, page: 2 }))
      .get();
    for (const rel of ['self', 'first', 'last', 'prev', 'next']) {
      const href = state.links.get(rel)!.href;
      for (const part of ['q=dish', 'sort=cook_time', 'order=asc', 'per_page=4']) expect(href, rel).to.include(part);
    }
    expect(state.links.get('search')).to.deep.include({ href: '/recipes{?q,sort,order,page,per_page,max_cook_time,min_servings}', templated: true });
    expect(state.data).to.include({ total: 45, pages: 12, page: 2 });
  });

  it('answers a page past the end with 200 and an empty item array, and an empty search with one page', async () => {
    const past = await (await server.client().go().follow('search', { page: 99 })).get();
    expect(past.data).to.include({ page: 99, total: 45, pages: 3 });
    expect(past.getEmbedded()).to.have.length(0);
    expect(past.links.has('next')).to.equal(false);
    expect(past.links.get('prev')!.href).to.equal(past.links.get('last')!.href);
    const raw = await list(server, past.links.get('self')!.href, null);
    expect(raw.status).to.equal(200);
    expect(raw.body._embedded.item).to.deep.equal([]);

    // A search counts its matches with the page; past the end there is no row to carry it, and the total stays exact.
    // (Dish 1, 7, 8, 14, 15 … 43: cook_time (i % 7) + 1 at most 2.)
    const searchedPast = await (await server.client().go().follow('search', { q: 'dish', max_cook_time: 2, per_page: 5, page: 7 })).get();
    expect(searchedPast.data).to.include({ page: 7, total: 13, pages: 3 });
    expect(searchedPast.getEmbedded()).to.have.length(0);
    const searchedLast = await (await server.client().go().follow('search', { q: 'dish', max_cook_time: 2, per_page: 5, page: 3 })).get();
    expect(searchedLast.data).to.include({ page: 3, total: 13, pages: 3 });
    expect(searchedLast.getEmbedded()).to.have.length(3);
    const filteredPast = await (await server.client().go().follow('search', { max_cook_time: 2, per_page: 5, page: 4 })).get();
    expect(filteredPast.data, 'filtered without q: counted too').to.include({ page: 4, total: 13, pages: 3 });

    const none = await list(server, (await (await server.client().go().follow('search', { q: 'nothing like this' })).get()).uri, null);
    expect(none.body).to.include({ total: 0, pages: 1, page: 1 });
    expect(none.body._embedded.item).to.deep.equal([]);
    expect(none.body._links.first!.href).to.equal(none.body._links.last!.href);
    expect(none.body._links.next).to.equal(undefined);
    expect(none.body._links.prev).to.equal(undefined);
  });

  it('offers the create template on /recipes to authenticated callers only', async () => {
    expect((await recipesOf(cook)).hasAction('create')).to.equal(true);
    expect((await recipesOf({ client: server.client() })).hasAction('create')).to.equal(false);
    const anonymous = await list(server, recipesHref, null);
    expect(anonymous.headers.get('cache-control')).to.equal('public, max-age=60, stale-while-revalidate=0');
    expect(anonymous.headers.get('link')).to.match(/^<\/schemas\/recipe-create>; rel="profile"/);
  });

  it('answers unknown, repeated and invalid query parameters with 400 and /query pointers', async () => {
    const cases: Array<[string, string[]]> = [
      ['bogus=1', ['/query/bogus']],
      ['q=a&q=b', ['/query/q']],
      ['per_page=101', ['/query/per_page']],
      ['per_page=0', ['/query/per_page']],
      ['page=0', ['/query/page']],
      ['page=two', ['/query/page']],
      ['page=1.5', ['/query/page']],
      ['sort=bogus', ['/query/sort']],
      ['order=up', ['/query/order']],
      ['visibility=all', ['/query/visibility']],
      [`q=${'x'.repeat(201)}`, ['/query/q']],
      ['sort=name&per_page=500', ['/query/sort', '/query/per_page']],
      ['max_cook_time=0&min_servings=ten', ['/query/max_cook_time', '/query/min_servings']],
    ];
    for (const [query, expected] of cases) {
      const res = await send(server, 'GET', `${recipesHref}?${query}`, null);
      expect(res.status, query).to.equal(400);
      expect(res.body.type).to.equal('/problems/invalid-query');
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort(), query).to.deep.equal(expected.sort());
    }
    for (const q of ['x'.repeat(200), `${'word '.repeat(39)}word`, '"'.repeat(200), '-'.repeat(200), `${'abcdefghij'.repeat(19)}-"x y`]) {
      const fine = await send(server, 'GET', `${recipesHref}?q=${encodeURIComponent(q)}&per_page=100&page=1`, null);
      expect(fine.status, q.slice(0, 20)).to.equal(200);
    }
  });
});
