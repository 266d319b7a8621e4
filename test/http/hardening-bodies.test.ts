import { expect } from 'chai';
import { templateTarget, type TestUser } from '../support/accounts.ts';
import { portOf, rawExchange } from '../support/raw-http.ts';
import { send } from '../support/recipes.ts';
import { type TestServer } from '../support/test-server.ts';
import { startWithCook } from '../support/cook-server.ts';

const HAL = 'application/hal+json';

/** `{"username": {"a": {"a": … "deep" …}}}`, `depth` levels in all, written as text (JSON.stringify would recurse). */
function nestedBody(depth: number): string {
  return `{"username":${'{"a":'.repeat(depth - 1)}"deep"${'}'.repeat(depth - 1)}}`;
}

const postRaw = (url: string, body: string, token: string) => fetch(url, {
  method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body,
});

/** API.md §10: hostile bodies are clean 4xx problems, never a crash, and nothing is half-written. */
describe('hardening: bodies that are too deep, too long or not valid Unicode', () => {
  let server: TestServer;
  let cook: TestUser;
  let create: string;
  before(async () => {
    ({ server, cook, create } = await startWithCook({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } }));
  });
  after(async () => {
    await server?.close();
  });

  it('answers a body nested deeper than 32 levels with a 400 problem on every route, logged in or not', async () => {
    const targets = [await templateTarget(server, 'register'), await templateTarget(server, 'login'), create];
    for (const target of targets) {
      for (const depth of [33, 2000, 15_000]) {
        const res = await postRaw(target, nestedBody(depth), cook.accessToken);
        expect(res.status, `${target} at ${depth}`).to.equal(400);
        expect((await res.json()).type).to.equal('/problems/body-too-deep');
      }
      const shallow = await postRaw(target, nestedBody(32), cook.accessToken);
      expect(shallow.status, `${target}: 32 levels are a body like any other`).to.equal(422);
    }
  });

  it('refuses a lone surrogate with 422 instead of storing U+FFFD behind a 201 that echoes it', async () => {
    const before = await server.sql('select count(*)::int as n from recipes');
    const res = await send(server, 'POST', create, cook.accessToken, { name: 'Broken \ud800 text', description: 'fine' });
    expect(res.status).to.equal(422);
    expect(res.body.errors).to.deep.equal([{ pointer: '/name', detail: 'name must not contain unpaired surrogates (invalid Unicode)' }]);
    expect(await server.sql('select count(*)::int as n from recipes')).to.deep.equal(before);
    const paired = await send(server, 'POST', create, cook.accessToken, { name: 'Fine 🍲 text' });
    expect(paired.status).to.equal(201);
    expect(paired.body.name).to.equal('Fine 🍲 text');
  });

  it('refuses a Content-Length over the limit at once with 413 and Connection: close, before reading a byte', async () => {
    const path = new URL(create).pathname;
    for (const [type, length] of [['application/json', 200_000], ['image/png', 99_999_999], ['multipart/form-data; boundary=x', 6_000_000]] as const) {
      const answer = await rawExchange(portOf(server.url), `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\n`
        + `Content-Length: ${length}\r\nExpect: 100-continue\r\nAuthorization: Bearer ${cook.accessToken}\r\n\r\n`);
      expect(answer.text, type).to.not.include('100 Continue');
      expect(answer.status, type).to.equal(413);
      expect(answer.headers.get('connection'), type).to.equal('close');
      expect(answer.closedByServer, type).to.equal(true);
      expect(JSON.parse(answer.body).type).to.equal('/problems/payload-too-large');
    }
    const plain = await rawExchange(portOf(server.url),
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 150000\r\n\r\n{"name":`);
    expect(plain.status).to.equal(413);
    expect(plain.closedByServer).to.equal(true);
  });

  it('sends 100 Continue for a body within the limit and then answers it', async () => {
    const path = new URL(create).pathname;
    const body = JSON.stringify({ name: 'Continued' });
    const answer = await rawExchange(portOf(server.url), `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`
      + `Content-Length: ${body.length}\r\nExpect: 100-continue\r\nAccept: ${HAL}\r\nConnection: close\r\n`
      + `Authorization: Bearer ${cook.accessToken}\r\n\r\n${body}`);
    expect(answer.text).to.match(/^HTTP\/1\.1 100 Continue/);
    expect(answer.status).to.equal(201);
  });

  it('says in people\'s words what is wrong and what is allowed', async () => {
    const bad = await send(server, 'POST', create, cook.accessToken, { name: '', num_of_servings: 'four', cook_time: 1500 });
    expect(bad.status).to.equal(422);
    expect(bad.body.errors).to.deep.equal([
      { pointer: '/name', detail: 'name must not be empty' },
      { pointer: '/num_of_servings', detail: 'num_of_servings must be an integer or null' },
      { pointer: '/cook_time', detail: 'cook_time must be at most 1440' },
    ]);
    expect(bad.body.detail).to.equal('The body has 3 problems: name must not be empty; num_of_servings must be an integer or null; '
      + 'cook_time must be at most 1440.');
    const sort = await send(server, 'GET', `${new URL(create).origin}/recipes?sort=rating`, null);
    expect(sort.status).to.equal(400);
    expect(sort.body.detail).to.equal('Query parameter sort must be one of relevance, created_at, cook_time, num_of_servings.');
    expect(sort.body.errors).to.deep.equal([{ pointer: '/query/sort', detail: 'sort must be one of relevance, created_at, cook_time, num_of_servings' }]);
    const two = await send(server, 'GET', `${new URL(create).origin}/recipes?page=0&colour=red`, null);
    expect(two.body.errors).to.have.deep.members([
      { pointer: '/query/colour', detail: 'colour is not a parameter of this resource (it takes q, sort, order, page, per_page, max_cook_time, min_servings)' },
      { pointer: '/query/page', detail: 'page must be at least 1' },
    ]);
    expect(JSON.stringify([bad.body, sort.body, two.body])).to.not.match(/integer,null|must be equal to one of the allowed values/);
  });
});
