import { expect } from 'chai';
import type { TestUser } from '../support/accounts.ts';
import { portOf, rawExchange, type RawExchange } from '../support/raw-http.ts';
import { HAL } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { startWithCook } from '../support/cook-server.ts';

const BASE = 'https://api.smilecook.example';

/** A problem+json answer with the security headers, after which the server closes the connection. */
function expectCompleteProblem(answer: RawExchange, status: number, slug: string): Record<string, unknown> {
  expect(answer.status, answer.text.slice(0, 300)).to.equal(status);
  expect(answer.headers.get('content-type')).to.equal('application/problem+json; charset=utf-8');
  expect(answer.headers.get('cache-control')).to.equal('no-store');
  expect(answer.headers.get('connection')).to.equal('close');
  expect(answer.headers.get('x-content-type-options')).to.equal('nosniff');
  expect(answer.headers.get('content-security-policy')).to.match(/default-src 'self'/);
  expect(answer.closedByServer).to.equal(true);
  const problem = JSON.parse(answer.body) as Record<string, unknown>;
  expect(problem).to.include({ type: `${BASE}/problems/${slug}`, status });
  expect(problem.title).to.be.a('string').and.not.equal('');
  expect(problem.detail).to.be.a('string').and.not.equal('');
  return problem;
}

/** API.md §10: the HTTP layer refuses what it cannot frame safely, with complete problems (RFC 9112 §3.2, §6.1). */
describe('framing: Host and Transfer-Encoding (RFC 9112)', () => {
  let server: TestServer;
  let port: number;
  before(async () => {
    server = await startTestServer({ env: { PUBLIC_BASE_URL: BASE } });
    port = portOf(server.url);
  });
  after(async () => {
    await server?.close();
  });

  for (const codings of ['foo, chunked', 'gzip, chunked', 'GZIP , chunked']) {
    it(`answers Transfer-Encoding: ${codings} with 501 (a coding it does not implement)`, async () => {
      const body = '2\r\n{}\r\n0\r\n\r\n';
      const head = `POST /tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: ${codings}\r\n\r\n`;
      const answer = await rawExchange(port, head + body);
      const problem = expectCompleteProblem(answer, 501, 'not-implemented');
      expect(problem.instance).to.equal(`${BASE}/tokens`);
    });
  }

  it('answers a coding in a second Transfer-Encoding line with 501 too', async () => {
    const answer = await rawExchange(port, 'POST /tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    expectCompleteProblem(answer, 501, 'not-implemented');
  });

  it('still reads a plain chunked body', async () => {
    const json = '{"username":"nobody_here","password":"not the right one at all"}';
    const head = 'POST /tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n';
    const answer = await rawExchange(port, `${head}${json.length.toString(16)}\r\n${json}\r\n0\r\n\r\n`);
    expect(answer.status, answer.text.slice(0, 200)).to.equal(401);
  });

  it('answers an HTTP/1.1 request without Host with a complete 400 problem', async () => {
    const answer = await rawExchange(port, 'GET /recipes HTTP/1.1\r\nAccept: application/hal+json\r\n\r\n');
    const problem = expectCompleteProblem(answer, 400, 'bad-request');
    expect(problem.detail).to.match(/Host/);
  });

  it('answers two Host fields with a complete 400 problem', async () => {
    const answer = await rawExchange(port, 'GET /recipes HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nAccept: application/hal+json\r\n\r\n');
    const problem = expectCompleteProblem(answer, 400, 'bad-request');
    expect(problem.detail).to.match(/Host/);
  });

  it('serves an HTTP/1.0 request without Host (Host is HTTP/1.1\'s)', async () => {
    const answer = await rawExchange(port, 'GET /recipes HTTP/1.0\r\nAccept: application/hal+json\r\n\r\n');
    expect(answer.text).to.match(/^HTTP\/1\.1 200 /);
  });
});

/** API.md §10: JSON is UTF-8 (RFC 8259); a body declared in another charset is a 415 problem. */
describe('JSON bodies: UTF-8 only', () => {
  let server: TestServer;
  let cook: TestUser;
  let create: string;
  before(async () => {
    ({ server, cook, create } = await startWithCook({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } }));
  });
  after(async () => {
    await server?.close();
  });

  const post = (contentType: string, body: Buffer) => server.fetch(create, {
    method: 'POST', headers: { Accept: HAL, Authorization: `Bearer ${cook.accessToken}`, 'Content-Type': contentType }, body: new Uint8Array(body),
  });
  const recipe = { name: 'Soup', description: 'hot', ingredients: 'water', directions: 'boil' };

  const charsets = [['utf-16le', 'utf16le'], ['UTF-16', 'utf16le'], ['utf-7', 'latin1'], ['latin1', 'latin1'], ['iso-8859-1', 'latin1']] as const;
  for (const [charset, encoding] of charsets) {
    it(`answers application/json; charset=${charset} with a 415 problem, storing nothing`, async () => {
      const res = await post(`application/json; charset=${charset}`, Buffer.from(JSON.stringify({ ...recipe, name: `Soup in ${charset}` }), encoding));
      expect(res.status).to.equal(415);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const problem = await res.json();
      expect(problem.type).to.equal('/problems/unsupported-media-type');
      expect(problem.detail).to.match(/UTF-8/);
      expect(await server.sql('select id from recipes where name = ?', [`Soup in ${charset}`])).to.have.length(0);
    });
  }

  it('answers application/hal+json; charset=utf-16le with a 415 problem too', async () => {
    const res = await post('application/hal+json; charset=utf-16le', Buffer.from(JSON.stringify(recipe), 'utf16le'));
    expect(res.status).to.equal(415);
  });

  for (const contentType of ['application/json', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"']) {
    it(`accepts ${contentType} (a missing charset is UTF-8)`, async () => {
      const res = await post(contentType, Buffer.from(JSON.stringify({ ...recipe, name: 'Crème brûlée' })));
      expect(res.status).to.equal(201);
      expect((await res.json()).name).to.equal('Crème brûlée');
    });
  }
});
