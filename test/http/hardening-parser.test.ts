import { expect } from 'chai';
import { portOf, rawExchange, type RawExchange } from '../support/raw-http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const BASE = 'https://api.smilecook.example';

function expectCompleteProblem(answer: RawExchange, status: number, slug: string): Record<string, unknown> {
  expect(answer.status, answer.text.slice(0, 200)).to.equal(status);
  expect(answer.headers.get('content-type')).to.equal('application/problem+json; charset=utf-8');
  expect(answer.headers.get('cache-control')).to.equal('no-store');
  expect(answer.headers.get('connection')).to.equal('close');
  expect(answer.headers.get('x-content-type-options')).to.equal('nosniff');
  expect(answer.headers.get('content-security-policy')).to.match(/default-src 'self'/);
  expect(answer.headers.get('date')).to.be.a('string').and.match(/GMT$/);
  expect(answer.closedByServer).to.equal(true);
  const problem = JSON.parse(answer.body) as Record<string, unknown>;
  expect(problem).to.include({ type: `${BASE}/problems/${slug}`, status });
  expect(problem.title).to.be.a('string').and.not.equal('');
  expect(problem.detail).to.be.a('string').and.not.equal('');
  return problem;
}

/** API.md §1: what Node's own parser refuses still gets a complete problem (absolute type, instance, security headers). */
describe('hardening: requests refused before routing', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { PUBLIC_BASE_URL: BASE } });
  });
  after(async () => {
    await server?.close();
  });

  it('answers oversized headers 431 with a complete problem naming the request path', async () => {
    const answer = await rawExchange(portOf(server.url), `GET /recipes?x=1 HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const problem = expectCompleteProblem(answer, 431, 'headers-too-large');
    expect(problem.instance).to.equal(`${BASE}/recipes`);
  });

  it('answers a smuggling shape (Content-Length with chunked) 400 with a complete problem', async () => {
    const answer = await rawExchange(portOf(server.url),
      'POST /tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    const problem = expectCompleteProblem(answer, 400, 'bad-request');
    expect(problem.instance).to.equal(`${BASE}/tokens`);
  });

  it('answers garbage that is not HTTP 400 with an instance that identifies the occurrence', async () => {
    const answer = await rawExchange(portOf(server.url), 'HELLO THERE\r\n\r\n');
    const problem = expectCompleteProblem(answer, 400, 'bad-request');
    expect(problem.instance).to.match(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it('answers CONNECT with 501 instead of closing in silence', async () => {
    const answer = await rawExchange(portOf(server.url), 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expectCompleteProblem(answer, 501, 'not-implemented');
  });

  it('answers a request whose headers never finish with 408 and a complete problem', async function () {
    this.timeout(30_000);
    const answer = await rawExchange(portOf(server.url), 'GET /recipes HTTP/1.1\r\nHost: x\r\n', 20_000);
    expectCompleteProblem(answer, 408, 'request-timeout');
  });
});
