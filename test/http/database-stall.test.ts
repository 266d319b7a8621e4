import { expect } from 'chai';
import { createUser, newCredentials, postJson, templateTarget, type TestUser } from '../support/accounts.ts';
import { createRecipe, recipesOf } from '../support/recipes.ts';
import { proxiedDatabase, type TcpProxy } from '../support/tcp-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';

async function expectUnavailable(res: Response, what: string): Promise<void> {
  expect(res.status, what).to.equal(503);
  expect(res.headers.get('content-type'), what).to.match(/^application\/problem\+json/);
  expect(res.headers.get('retry-after'), what).to.match(/^\d+$/);
  expect((await res.json()).type, what).to.equal('/problems/service-unavailable');
}

/**
 * API.md §10: when the database stops answering (TCP accepted, nothing answered — a partition, a hung
 * server), every request that needs it gets a 503 with Retry-After within 5 seconds, also on a
 * connection already in the pool, where a server-side statement_timeout can never fire. No timed
 * assertion: a request that hangs fails by mocha's timeout.
 */
describe('faults: a silent database (connections open, nothing answered)', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let cook: TestUser;
  let recipe: string;
  let create: string;
  before(async () => {
    const route = await proxiedDatabase();
    proxy = route.proxy;
    server = await startTestServer({
      env: { RATE_LIMIT_EXEMPT: '127.0.0.1' },
      connectVia: route.via,
    });
    cook = await createUser(server);
    recipe = await createRecipe(cook, { name: 'Soup before the silence' });
    create = (await recipesOf(cook)).action('create').uri;
  });
  after(async () => {
    await proxy.cut();
    await proxy.start();
    await server?.close();
    await proxy.cut();
  });

  it('answers reads, logins, registrations and writes 503 on pooled connections and new ones, then recovers', async function () {
    this.timeout(90_000);
    // Fill the pool with idle connections first (4 on PostgreSQL, 1 on PGlite).
    await Promise.all(Array.from({ length: 6 }, () => server.fetch('/recipes?q=soup', { headers: { Accept: HAL } }).then((res) => res.arrayBuffer())));
    const [login, register] = [await templateTarget(server, 'login'), await templateTarget(server, 'register')];
    proxy.freeze();
    const auth = { Accept: HAL, 'Content-Type': 'application/json', Authorization: `Bearer ${cook.accessToken}` };
    const answers = await Promise.all([
      server.fetch('/recipes', { headers: { Accept: HAL } }),
      server.fetch(recipe, { headers: auth }),
      postJson(login, { username: cook.username, password: cook.password }),
      postJson(register, newCredentials()),
      server.fetch(recipe, { method: 'PATCH', headers: auth, body: JSON.stringify({ name: 'Changed in the silence' }) }),
      server.fetch(create, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Written in the silence' }) }),
      server.fetch('/health/ready'),
    ]);
    const names = ['GET /recipes', 'GET a recipe', 'login', 'register', 'PATCH a recipe', 'create', '/health/ready'];
    for (const [i, res] of answers.entries()) await expectUnavailable(res, names[i]!);
    // Later requests, on whatever the pool holds now, are refused just as well.
    await expectUnavailable(await server.fetch('/recipes?page=2', { headers: { Accept: HAL } }), 'GET /recipes again');
    await expectUnavailable(await server.fetch(recipe, { headers: auth }), 'GET a recipe again');

    await proxy.cut(); // the partition ends: connections that were open are gone, new ones work
    await proxy.start();
    let recovered = 0;
    while (recovered !== 200) {
      recovered = (await server.fetch(recipe, { headers: auth })).status;
      expect([200, 503]).to.include(recovered);
    }
  });
});
