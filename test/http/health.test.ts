import { expect } from 'chai';
import { eventually } from '../support/eventually.ts';
import { proxiedDatabase, type TcpProxy } from '../support/tcp-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

async function readyStatus(server: TestServer): Promise<number> {
  return (await server.fetch('/health/ready')).status;
}

describe('health: liveness and readiness follow the database', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  before(async () => {
    const route = await proxiedDatabase();
    proxy = route.proxy;
    server = await startTestServer({
      connectVia: route.via,
    });
  });
  after(async () => {
    await proxy.start();
    await server?.close();
    await proxy.cut();
  });

  it('answers GET with a strong ETag like every GET 200 (API.md §8), and a revalidation with a 304, never stored', async () => {
    for (const path of ['/health', '/health/ready']) {
      const first = await server.fetch(path);
      const etag = first.headers.get('etag');
      expect([first.status, etag], path).to.satisfy(([status, tag]: [number, string | null]) => status === 200 && /^"[^"]+"$/.test(tag ?? ''));
      const again = await server.fetch(path, { headers: { 'If-None-Match': etag! } });
      expect([again.status, again.headers.get('etag'), again.headers.get('cache-control')], path).to.deep.equal([304, etag, 'no-store']);
    }
  });

  it('is ready while the database answers, 503 problem while it is gone, and recovers without a restart', async function () {
    this.timeout(60_000);
    expect(await readyStatus(server)).to.equal(200);
    await proxy.cut();
    const down = await server.fetch('/health/ready');
    expect(down.status).to.equal(503);
    expect(down.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(down.headers.get('cache-control')).to.equal('no-store');
    const problem = await down.json();
    expect(problem).to.include({ status: 503, type: '/problems/service-unavailable' });
    expect(JSON.stringify(problem)).to.not.match(/ECONNREFUSED|127\.0\.0\.1|at .*\.ts/);
    expect((await server.fetch('/health')).status).to.equal(200);

    await proxy.start();
    let status = 0;
    await eventually(async () => (status = await readyStatus(server)) === 200, '/health/ready to answer 200 again');
    expect(status).to.equal(200);
  });
});

describe('health: readiness follows Redis when it is configured', function () {
  let healthy: TestServer;
  let unreachable: TestServer;
  before(async function () {
    // Two live servers at once: the embedded PGlite serves a single connection.
    if (!process.env.TEST_DATABASE_URL) this.skip();
    healthy = await startTestServer({ env: { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' } });
    unreachable = await startTestServer({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  after(async () => {
    await unreachable?.close();
    await healthy?.close();
  });

  it('is ready with Redis up, and 503 naming Redis while it does not answer', async () => {
    const ready = await healthy.fetch('/health/ready');
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.deep.equal({ status: 'ready', database: 'up', redis: 'up' });
    const down = await unreachable.fetch('/health/ready');
    expect(down.status).to.equal(503);
    expect(down.headers.get('retry-after')).to.match(/^\d+$/);
    expect((await down.json()).detail).to.equal('Not reachable: redis.');
    expect((await unreachable.fetch('/health')).status, 'alive all the same').to.equal(200);
  });
});
