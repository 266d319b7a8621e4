import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import pg from 'pg';
import { createUser, type TestUser } from '../support/accounts.ts';
import { recipesOf } from '../support/recipes.ts';
import { proxiedDatabase, type TcpProxy } from '../support/tcp-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';
const CREATE_RECIPE = /insert into \S*"recipes"/i;

/** POST create until it is answered 201: every 503, 409 or network failure is retried, on the next server in turn. */
async function createUntilDone(servers: TestServer[], create: string, cook: TestUser, body: object, key: string | undefined): Promise<{ tries: number }> {
  for (let tries = 1; tries <= 60; tries += 1) {
    const server = servers[tries % servers.length]!;
    const res = await server.fetch(new URL(new URL(create).pathname, server.url).href, {
      method: 'POST',
      headers: { Accept: HAL, 'Content-Type': 'application/json', Authorization: `Bearer ${cook.accessToken}`, ...(key && { 'Idempotency-Key': key }) },
      body: JSON.stringify(body),
    }).catch(() => undefined);
    const status = res?.status;
    await res?.arrayBuffer();
    if (status === 201) return { tries };
    if (status !== undefined && status !== 503 && status !== 409) throw new Error(`create answered ${status}`);
  }
  throw new Error('create never succeeded');
}

const stored = async (server: TestServer, name: string) =>
  Number((await server.sql<{ n: string }>('select count(*) as n from recipes where name = ?', [name]))[0]!.n);

/**
 * API.md §10 under the audit's fault: the answer to a create is lost after its COMMIT (the client
 * sees a 503 or a dropped connection) and the client retries. Without a key that doubles the recipe;
 * with its Idempotency-Key the retry gets the first answer again.
 */
describe('Idempotency-Key: a create whose answer was lost after the commit', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let cook: TestUser;
  let create: string;
  before(async () => {
    const route = await proxiedDatabase();
    proxy = route.proxy;
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' }, connectVia: route.via });
    cook = await createUser(server);
    create = (await recipesOf(cook)).action('create').uri;
  });
  after(async () => {
    await server?.close();
    await proxy.cut();
  });

  it('doubles the recipe when the client retries without a key (the fault is real)', async function () {
    this.timeout(60_000);
    const name = `Doubled soup ${randomUUID()}`;
    proxy.loseCommitAnswers(CREATE_RECIPE);
    const { tries } = await createUntilDone([server], create, cook, { name }, undefined);
    expect(proxy.lostCommits).to.equal(1);
    expect(tries).to.equal(2);
    expect(await stored(server, name)).to.equal(2);
  });

  it('stores it once when the client retries with its Idempotency-Key', async function () {
    this.timeout(60_000);
    const name = `Single soup ${randomUUID()}`;
    const lost = proxy.lostCommits;
    proxy.loseCommitAnswers(CREATE_RECIPE);
    const { tries } = await createUntilDone([server], create, cook, { name }, randomUUID());
    expect(proxy.lostCommits).to.equal(lost + 1);
    expect(tries).to.equal(2);
    expect(await stored(server, name)).to.equal(1);
  });
});

/**
 * The audit's shape at scale, on two instances of one deployment: six clients write 25 recipes each,
 * retrying every 503 (and 409) with their key on either instance, while connections are cut under the
 * writes (TCP, pg_terminate_backend) and COMMIT answers are lost: not one recipe doubled, none lost.
 */
describe('Idempotency-Key: many writers, two instances, connections cut under writes', () => {
  let servers: TestServer[];
  let proxy: TcpProxy;
  let admin: pg.Client;
  before(async function () {
    // Two instances and pg_terminate_backend need a real PostgreSQL (the embedded PGlite has one session).
    if (!process.env.TEST_DATABASE_URL) this.skip();
    const route = await proxiedDatabase();
    proxy = route.proxy;
    const env = { RATE_LIMIT_EXEMPT: '127.0.0.1', JWT_SECRET: randomUUID() + randomUUID() }; // one deployment: one secret
    const first = await startTestServer({ env, connectVia: route.via });
    const second = await startTestServer({ env, connectVia: route.via, schema: first.config.databaseSchema! });
    servers = [first, second];
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    for (const server of [...(servers ?? [])].reverse()) await server.close();
    await proxy?.cut();
  });

  it('stores every recipe exactly once: 0 doubled, 0 lost', async function () {
    this.timeout(300_000);
    const writers = await Promise.all(Array.from({ length: 6 }, () => createUser(servers[0]!)));
    const create = (await recipesOf(writers[0]!)).action('create').uri;
    const run = randomUUID().slice(0, 8);
    let answered = 0;
    let retried = 0;
    const faults = async () => {
      answered += 1;
      if (answered % 3 === 0) proxy.loseCommitAnswers(CREATE_RECIPE);
      if (answered % 5 === 0) {
        await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and pid % 2 = 0`);
      }
      if (answered % 7 === 0) {
        await proxy.cut();
        await proxy.start();
      }
    };
    await Promise.all(writers.map(async (cook, w) => {
      for (let i = 0; i < 25; i += 1) {
        const { tries } = await createUntilDone(servers, create, cook, { name: `${run} writer ${w} recipe ${i}`, directions: 'stir' }, randomUUID());
        retried += tries - 1;
        await faults();
      }
    }));
    // Counted on a session of the test's own (the servers' pooled ones may have just been terminated).
    const counts = await admin.query<{ name: string; n: string }>(
      `select name, count(*) as n from "${servers[0]!.config.databaseSchema}".recipes where name like $1 group by name`, [`${run} %`]);
    const byName = new Map(counts.rows.map((row) => [row.name, Number(row.n)]));
    const expected = writers.flatMap((_, w) => Array.from({ length: 25 }, (_, i) => `${run} writer ${w} recipe ${i}`));
    const doubled = expected.filter((name) => (byName.get(name) ?? 0) > 1);
    const lost = expected.filter((name) => (byName.get(name) ?? 0) === 0);
    expect({ doubled, lost, extra: byName.size - expected.length }).to.deep.equal({ doubled: [], lost: [], extra: 0 });
    expect(proxy.lostCommits, 'answers lost after their COMMIT').to.be.greaterThan(0);
    expect(retried, 'retries').to.be.greaterThan(0);
  });
});
