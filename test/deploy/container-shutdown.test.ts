import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import { newCredentials } from '../support/accounts.ts';
import { eventually } from '../support/eventually.ts';
import { heldRequest, newConnection } from '../support/held-request.ts';
import { buildBundle, startInstance, type Bundle, type Instance } from '../support/instances.ts';
import { freshDatabase, type SharedStore } from '../support/shared-stores.ts';

/** One GET on a kept-alive connection of its own; resolves once answered, with the socket left open and idle. */
function keptAlive(url: string): Promise<{ status: number; connection: string | undefined; socket: Socket; agent: http.Agent }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, socket: req.socket!, agent }));
    });
    req.on('error', reject);
  });
}

/**
 * API.md §12 as a container runs the server (deploy/app.Dockerfile): the bundle built once, then
 * `node … dist/server.js` with npm start's flags and environment, no npm and no shell in between,
 * so SIGTERM goes to the server's own pid and nothing else. A fresh database of its own on the
 * real PostgreSQL; without TEST_DATABASE_URL, the embedded one in its DATA_DIR.
 */
describe('the bundle as a container runs it: SIGTERM to the node process alone drains it', function () {
  this.timeout(120_000);
  let bundle: Bundle | undefined;
  let database: SharedStore | undefined;
  let instance: Instance | undefined;
  before(async () => {
    bundle = buildBundle(); // npm run build, once, in a copy of the checkout (the checkout's dist/ is left alone)
    const server = process.env.TEST_DATABASE_URL;
    database = server ? await freshDatabase(server) : undefined;
    const env: Record<string, string> = database
      ? { NODE_ENV: 'production', DATABASE_URL: database.url, JWT_SECRET: randomBytes(32).toString('hex') }
      : { NODE_ENV: 'development' };
    instance = await startInstance(bundle, 'container', { ...env, PORT: '0', LOG_LEVEL: 'info' });
  });
  after(async () => {
    await instance?.stop();
    await database?.drop();
    bundle?.remove();
  });

  it('finishes the request in flight, refuses new connections, closes kept-alive ones and exits 0', async () => {
    const { child, url, port, logs } = instance!;
    const idle = await keptAlive(`${url}/health`);
    expect([idle.status, idle.connection]).to.deep.equal([200, 'keep-alive']);
    const idleClosed = new Promise<void>((resolve) => idle.socket.once('close', () => resolve()));
    const registration = await heldRequest(`${url}/users`, JSON.stringify(newCredentials('container')));

    expect(child.kill('SIGTERM'), 'signalled').to.equal(true);
    await eventually(() => logs.some((line) => line.msg === 'shutting down: finishing in-flight requests'), 'the shutdown log line');
    expect(await newConnection(port), 'a new connection while draining').to.equal('refused');
    const answer = await registration.finish();
    expect([answer.status, answer.connection], answer.body).to.deep.equal([202, 'close']);
    await idleClosed;
    expect(await instance!.exit, 'exit code').to.equal(0);
    const answered = logs.some((line) => line.msg === 'request' && line.method === 'POST' && line.status === 202);
    expect(answered, 'the registration was logged as answered').to.equal(true);
    idle.agent.destroy();
  });
});
