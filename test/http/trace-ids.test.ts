import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { makeImage, putImage } from '../support/images.ts';
import { capturedLogger } from '../support/log-capture.ts';
import { scrape, valueOf } from '../support/metrics.ts';
import { portOf, rawExchange } from '../support/raw-http.ts';
import { HAL, publishedRecipe, send } from '../support/recipes.ts';
import { proxiedDatabase, type TcpProxy } from '../support/tcp-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const TRACE_ID = /^[0-9a-f]{32}$/;
const traceparent = (traceId: string, parent = 'b7ad6b7169203331', flags = '01') => `00-${traceId}-${parent}-${flags}`;
const requestId = (res: Response) => res.headers.get('x-request-id');

/** API.md §13: W3C Trace Context — continued or started, named in X-Request-Id, in 5xx problems and in the log. */
describe('trace ids: X-Request-Id on every answer, continued from traceparent', () => {
  let server: TestServer;
  let cook: TestUser;
  let recipe: string;
  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    cook = await createUser(server);
    recipe = await publishedRecipe(cook, { name: 'Traced tart' });
  });
  after(async () => {
    await server?.close();
  });

  it('sends X-Request-Id on HAL, problems, 304, HEAD, OPTIONS, images, HTML and health checks, a new trace each', async () => {
    const cover = (await send(server, 'GET', recipe, cook.accessToken)).body._links['edit-media'].href as string;
    expect((await putImage(server, cover, cook.accessToken, await makeImage('png', 32, 32), 'image/png')).status).to.equal(200);
    const image = (await send(server, 'GET', recipe, null)).body.cover_url as string;
    const etag = (await server.fetch(recipe, { headers: { Accept: HAL } })).headers.get('etag')!;
    const answers: Array<[string, Response, number]> = [
      ['HAL', await server.fetch('/', { headers: { Accept: HAL } }), 200],
      ['problem', await server.fetch('/recipes/987654321', { headers: { Accept: HAL } }), 404],
      ['405 problem', await server.fetch('/', { method: 'DELETE' }), 405],
      ['406 problem', await server.fetch(recipe, { headers: { Accept: 'image/png' } }), 406],
      ['304', await server.fetch(recipe, { headers: { Accept: HAL, 'If-None-Match': etag } }), 304],
      ['HEAD', await server.fetch(recipe, { method: 'HEAD', headers: { Accept: HAL } }), 200],
      ['OPTIONS', await server.fetch(recipe, { method: 'OPTIONS' }), 204],
      ['image', await server.fetch(image), 200],
      ['HTML', await server.fetch(recipe, { headers: { Accept: 'text/html' } }), 200],
      ['explorer', await server.fetch('/explorer'), 200],
      ['health', await server.fetch('/health'), 200],
      ['readiness', await server.fetch('/health/ready'), 200],
    ];
    const ids = answers.map(([what, res, status]) => {
      expect([what, res.status], what).to.deep.equal([what, status]);
      expect(requestId(res), what).to.match(TRACE_ID);
      return requestId(res);
    });
    expect(new Set(ids).size, 'one trace per request').to.equal(ids.length);
  });

  it('continues a valid traceparent: X-Request-Id is its trace id', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    for (const flags of ['01', '00']) {
      const res = await server.fetch('/recipes', { headers: { Accept: HAL, traceparent: traceparent(traceId, 'b7ad6b7169203331', flags) } });
      expect(requestId(res)).to.equal(traceId);
    }
    // A later version may carry more fields after the four it shares with version 00.
    const later = await server.fetch('/recipes', { headers: { traceparent: `cc-${traceId}-b7ad6b7169203331-01-what-the-future-holds` } });
    expect(requestId(later)).to.equal(traceId);
  });

  it('starts a new trace for a traceparent that is not valid (Trace Context rules)', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const invalid = [
      `ff-${traceId}-00f067aa0ba902b7-01`, // version ff
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, // all-zero trace id
      `00-${traceId}-${'0'.repeat(16)}-01`, // all-zero parent id
      `00-${traceId.toUpperCase()}-00f067aa0ba902b7-01`, // upper case
      `00-${traceId}-00f067aa0ba902b7-01-extra`, // version 00 with a fifth field
      `00-${traceId.slice(1)}-00f067aa0ba902b7-01`, // too short
      `00_${traceId}_00f067aa0ba902b7_01`,
    ];
    for (const header of invalid) {
      const id = requestId(await server.fetch('/', { headers: { traceparent: header } }));
      expect(id, header).to.match(TRACE_ID).and.not.equal(traceId);
    }
  });

  it('names the trace in the problems Node\'s parser answers, and in a 5xx problem\'s body (request_id)', async () => {
    const garbage = await rawExchange(portOf(server.url), 'HELLO THERE\r\n\r\n');
    expect(garbage.status).to.equal(400);
    expect(garbage.headers.get('x-request-id')).to.match(TRACE_ID);
    expect(JSON.parse(garbage.body)).to.not.have.property('request_id');
    const connect = await rawExchange(portOf(server.url), 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(connect.status).to.equal(501);
    expect(connect.headers.get('x-request-id')).to.match(TRACE_ID);
    expect(JSON.parse(connect.body)).to.include({ status: 501, request_id: connect.headers.get('x-request-id') });
  });

  it('keeps request_id out of 4xx problems', async () => {
    const res = await server.fetch('/recipes/987654321', { headers: { Accept: HAL } });
    expect(await res.json()).to.not.have.property('request_id');
  });
});

describe('trace ids: a 5xx a person can quote, found in every log line its request caused', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  const log = capturedLogger('debug');
  before(async () => {
    const route = await proxiedDatabase();
    proxy = route.proxy;
    server = await startTestServer({
      logger: log.logger,
      env: { METRICS_PORT: '0' },
      connectVia: route.via,
    });
  });
  after(async () => {
    await proxy.start();
    await server?.close();
    await proxy.cut();
  });

  it('answers 503 with request_id equal to X-Request-Id, and logs that trace id on the request\'s lines', async function () {
    this.timeout(30_000);
    const traceId = 'a3ce929d0e0e47364bf92f3577b34da6';
    expect((await server.fetch('/recipes', { headers: { Accept: HAL } })).status).to.equal(200);
    await proxy.cut();
    const res = await server.fetch('/recipes', { headers: { Accept: HAL, traceparent: traceparent(traceId) } });
    expect(res.status).to.equal(503);
    expect(requestId(res)).to.equal(traceId);
    expect(await res.json()).to.include({ status: 503, request_id: traceId });
    const ready = await server.fetch('/health/ready');
    expect(ready.status).to.equal(503);
    expect(((await ready.json()) as { request_id: string }).request_id).to.equal(requestId(ready)).and.match(TRACE_ID);

    const lines = log.lines.filter((line) => line.trace_id === traceId);
    expect(lines.map((line) => line.msg)).to.include.members(['request failed', 'request']);
    expect(lines.find((line) => line.msg === 'request')).to.include({ action: 'recipes', method: 'GET', status: 503 });
    // Every warning logged while that request ran is one of its lines, and names it.
    const failed = log.lines.filter((line) => line.msg === 'request failed');
    expect(failed.map((line) => line.trace_id)).to.include(traceId);
    expect(failed.every((line) => typeof line.trace_id === 'string')).to.equal(true);

    // The operations listener still answers, and its readiness metric says what /health/ready says.
    const text = await scrape(server);
    expect(valueOf(text, 'smilecook_ready')).to.equal(0);
    expect(valueOf(text, 'smilecook_dependency_up', { dependency: 'database' })).to.equal(0);
    expect(Number.isNaN(valueOf(text, 'smilecook_mail_outbox_depth')), 'the outbox depth is unknown (NaN)').to.equal(true);
  });
});
