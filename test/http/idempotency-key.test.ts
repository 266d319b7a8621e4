import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import pg from 'pg';
import { createUser, type TestUser } from '../support/accounts.ts';
import { portOf, rawExchange } from '../support/raw-http.ts';
import { HAL, recipesOf } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { startWithCook } from '../support/cook-server.ts';

interface Answer { status: number; headers: Headers; body: Record<string, unknown> }

/**
 * API.md §10, draft-ietf-httpapi-idempotency-key-header: `create` with an Idempotency-Key — a retry
 * by the same account gets the first answer again and creates nothing; the same key for another
 * body is a 422; a retry while the first runs is a 409; a key is 1–255 printable characters.
 */
describe('Idempotency-Key on create', () => {
  let server: TestServer;
  let cook: TestUser;
  let create: string;
  before(async () => {
    ({ server, cook, create } = await startWithCook({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } }));
  });
  after(async () => {
    await server?.close();
  });

  async function post(body: unknown, key: string | undefined, user: TestUser = cook): Promise<Answer> {
    const res = await server.fetch(create, {
      method: 'POST',
      headers: {
        Accept: HAL, 'Content-Type': 'application/json', Authorization: `Bearer ${user.accessToken}`, ...(key !== undefined && { 'Idempotency-Key': key }),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: await res.json() as Record<string, unknown> };
  }
  const countNamed = async (name: string) => Number((await server.sql<{ n: string }>('select count(*) as n from recipes where name = ?', [name]))[0]!.n);

  it('answers a retry with the first answer again — 201, Location, Content-Location, ETag, body — and creates nothing more', async () => {
    const key = `"${randomUUID()}"`;
    const recipe = { name: `Retried soup ${randomUUID()}`, ingredients: 'water', directions: 'boil' };
    const first = await post(recipe, key);
    expect(first.status).to.equal(201);
    const again = await post({ directions: 'boil', ingredients: 'water', name: recipe.name }, key); // members in another order
    expect(again.status).to.equal(201);
    for (const header of ['location', 'content-location', 'etag', 'content-type']) {
      expect(again.headers.get(header), header).to.equal(first.headers.get(header));
    }
    expect(again.body).to.deep.equal(first.body);
    expect(await countNamed(recipe.name)).to.equal(1);
  });

  it('takes the key as a structured-field string or as it is: "k" and k are one key', async () => {
    const key = randomUUID();
    const recipe = { name: `Bare or quoted ${key}` };
    const [quoted, bare] = [await post(recipe, `"${key}"`), await post(recipe, key)];
    expect([quoted.status, bare.status]).to.deep.equal([201, 201]);
    expect(bare.headers.get('location')).to.equal(quoted.headers.get('location'));
    expect(await countNamed(recipe.name)).to.equal(1);
  });

  it('answers the same key with another body 422, creating nothing', async () => {
    const key = randomUUID();
    expect((await post({ name: `First ${key}` }, key)).status).to.equal(201);
    const other = await post({ name: `Second ${key}` }, key);
    expect(other.status).to.equal(422);
    expect(other.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(other.body.type).to.equal('/problems/idempotency-key-reused');
    expect(await countNamed(`Second ${key}`)).to.equal(0);
  });

  it('keeps keys per account: another account\'s same key is its own', async () => {
    const other = await createUser(server);
    const key = randomUUID();
    const name = `Two cooks, one key ${key}`;
    const [mine, theirs] = [await post({ name }, key), await post({ name }, key, other)];
    expect([mine.status, theirs.status]).to.deep.equal([201, 201]);
    expect(theirs.headers.get('location')).to.not.equal(mine.headers.get('location'));
    expect(await countNamed(name)).to.equal(2);
  });

  it('creates anew without a key, and after a refused body the same key is still free', async () => {
    const name = `No key ${randomUUID()}`;
    expect((await post({ name }, undefined)).status).to.equal(201);
    expect((await post({ name }, undefined)).status).to.equal(201);
    expect(await countNamed(name)).to.equal(2);
    const key = randomUUID();
    expect((await post({ name: '' }, key)).status, 'an invalid body').to.equal(422);
    expect((await post({ name: `Fixed ${key}` }, key)).status).to.equal(201);
  });

  for (const [what, key] of [['an empty key', '""'], ['256 characters', 'k'.repeat(256)], ['a broken quoted string', '"abc']] as const) {
    it(`answers ${what} with a 400 problem`, async () => {
      const answer = await post({ name: 'Never stored' }, key);
      expect(answer.status).to.equal(400);
      expect(answer.body.type).to.equal('/problems/idempotency-key-invalid');
    });
  }

  it('answers a key with a non-ASCII byte, or two keys, with a 400 problem (raw requests)', async () => {
    const body = JSON.stringify({ name: 'Never stored either' });
    const head = (keys: string) => `POST ${new URL(create).pathname} HTTP/1.1\r\nHost: x\r\nAccept: ${HAL}\r\nContent-Type: application/json\r\n`
      + `Authorization: Bearer ${cook.accessToken}\r\n${keys}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
    for (const keys of ['Idempotency-Key: caf\u00e9\r\n', 'Idempotency-Key: a\r\nIdempotency-Key: b\r\n']) {
      const answer = await rawExchange(portOf(server.url), head(keys));
      expect(answer.status, keys).to.equal(400);
      expect(JSON.parse(answer.body).type).to.equal('/problems/idempotency-key-invalid');
    }
    expect(await countNamed('Never stored either')).to.equal(0);
  });

  it('forgets a key after 24 hours: the maintenance job sweeps it, and the key is free again', async () => {
    const key = randomUUID();
    const name = `Yesterday ${key}`;
    const first = await post({ name }, key);
    await server.sql('update idempotency_keys set created_at = now() - interval \'25 hours\' where key = ?', [key]);
    const report = await server.services.maintenance.runOnce();
    expect(report?.idempotencyKeys).to.be.at.least(1);
    expect(await server.sql('select id from idempotency_keys where key = ?', [key])).to.have.length(0);
    const later = await post({ name }, key);
    expect(later.status).to.equal(201);
    expect(later.headers.get('location')).to.not.equal(first.headers.get('location'));
  });

  it('answers a retry after the recipe was deleted with a 404 problem, creating nothing', async () => {
    const key = randomUUID();
    const name = `Deleted since ${key}`;
    const first = await post({ name }, key);
    const headers = { Accept: HAL, Authorization: `Bearer ${cook.accessToken}` };
    const deleted = await server.fetch(first.headers.get('location')!, { method: 'DELETE', headers });
    expect(deleted.status).to.equal(204);
    const retry = await post({ name }, key);
    expect(retry.status).to.equal(404);
    expect(await countNamed(name)).to.equal(0);
  });
});

/** A retry while the first request with the key is still in its transaction: 409, then the first answer (needs a second session). */
describe('Idempotency-Key: a retry while the first is still running', () => {
  let server: TestServer;
  let cook: TestUser;
  let admin: pg.Client;
  let watcher: pg.Client;
  before(async function () {
    // Holding a lock from a second session needs a real PostgreSQL: the embedded PGlite has one session.
    if (!process.env.TEST_DATABASE_URL) this.skip();
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    cook = await createUser(server);
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    watcher = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await watcher.connect();
  });
  after(async () => {
    await admin?.end();
    await watcher?.end();
    await server?.close();
  });

  it('answers 409 with Retry-After while the first holds the key, and the first answer once it is done', async function () {
    this.timeout(60_000);
    const create = (await recipesOf(cook)).action('create').uri;
    const key = randomUUID();
    const name = `Slow soup ${key}`;
    const send = () => server.fetch(create, {
      method: 'POST', body: JSON.stringify({ name }),
      headers: { Accept: HAL, 'Content-Type': 'application/json', Authorization: `Bearer ${cook.accessToken}`, 'Idempotency-Key': key },
    });
    const schema = server.config.databaseSchema!;
    // The author's row locked FOR UPDATE: the first create's INSERT (its foreign key check) waits on it, key held.
    await admin.query('begin');
    await admin.query(`select id from "${schema}".users where username = $1 for update`, [cook.username]);
    const first = send();
    let waiting = 0;
    while (waiting === 0) {
      // From a session outside the locking transaction (pg_stat_activity is a snapshot within one).
      const rows = await watcher.query(`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query ilike 'insert into %recipes%'`);
      waiting = rows.rows[0].n;
    }
    const concurrent = await send();
    expect(concurrent.status).to.equal(409);
    expect(concurrent.headers.get('retry-after')).to.match(/^\d+$/);
    expect((await concurrent.json()).type).to.equal('/problems/idempotency-key-in-progress');
    await admin.query('commit');
    // 201; or, on a machine slow enough for the wait to pass statement_timeout (2 s), 503 and nothing stored.
    const done = await first;
    expect([201, 503]).to.include(done.status);
    const retry = await send();
    expect(retry.status).to.equal(201);
    if (done.status === 201) expect(retry.headers.get('location')).to.equal(done.headers.get('location'));
    expect(await server.sql('select id from recipes where name = ?', [name])).to.have.length(1);
  });
});
