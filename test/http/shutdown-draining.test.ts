import http from 'node:http';
import { expect } from 'chai';
import { DRAIN_GRACE_MS } from '../../src/server.ts';
import { createUser } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface Sent { written: Promise<void>; answer: Promise<{ status: number; connection: string | undefined }> }

/** One request on a kept-alive connection of `agent`: `written` once it is on the wire, `answer` its status and Connection header. */
function send(agent: http.Agent, url: string, headers: Record<string, string> = {}): Sent {
  let written!: Promise<void>;
  const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    }).on('error', reject);
    written = new Promise((resolve) => req.once('finish', resolve));
  });
  return { written, answer };
}

const get = (agent: http.Agent, url: string, headers: Record<string, string> = {}) => send(agent, url, headers).answer;

/** API.md §12: an instance that gets SIGTERM finishes its in-flight requests and lets no client reuse a closing socket. */
describe('shutdown: draining with Connection: close', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' }, config: { drainGraceMs: DRAIN_GRACE_MS } });
  });
  after(async () => {
    await server?.close();
  });

  it('keeps connections alive while serving, and answers in-flight requests with Connection: close once draining', async () => {
    const user = await createUser(server);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const me = `${server.url}/me`;
    const headers = { Authorization: `Bearer ${user.accessToken}`, Accept: 'application/hal+json' };
    // Four kept-alive connections, opened while the server is up (the shutdown stops new ones at once).
    const before = await Promise.all(Array.from({ length: 4 }, () => get(agent, me, headers)));
    for (const answer of before) expect(answer).to.deep.equal({ status: 200, connection: 'keep-alive' });
    // Four requests in flight on kept-alive sockets, then the shutdown begins.
    const inFlight = Array.from({ length: 4 }, () => send(agent, `${server.url}/recipes?q=slow`, headers));
    await Promise.all(inFlight.map((request) => request.written));
    const closing = server.close();
    const answers = await Promise.all(inFlight.map((request) => request.answer));
    await closing;
    for (const answer of answers) expect(answer).to.deep.equal({ status: 200, connection: 'close' });
    agent.destroy();
  });
});
