import { expect } from 'chai';
import express from 'express';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Uris } from '../../src/core/uris.ts';
import { errorHandler } from '../../src/http/problems.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('HTTP edge cases: crashes, malformed requests, content types', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('turns an unexpected exception into a 500 problem that leaks nothing', async () => {
    const app = express();
    app.locals.http = { uris: new Uris(), cacheMaxAge: 60, htmlPage: '' };
    app.get('/boom', () => {
      throw new Error('select * from users where password_hash = 1 at /srv/app/src/secret.ts:12');
    });
    app.use(errorHandler(pino({ level: 'silent' })));
    const listener = app.listen(0);
    try {
      const res = await fetch(`http://127.0.0.1:${(listener.address() as AddressInfo).port}/boom`);
      expect(res.status).to.equal(500);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const text = await res.text();
      expect(text).to.not.match(/select|password_hash|secret\.ts|\/srv/);
      expect(JSON.parse(text)).to.include({ status: 500, type: '/problems/internal-error' });
    } finally {
      listener.close();
    }
  });

  it('answers requests Node itself rejects with problem+json', async () => {
    const port = Number(new URL(server.url).port);
    const response = await rawRequest(port, 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n');
    expect(response).to.match(/^HTTP\/1\.1 400/);
    expect(response).to.include('application/problem+json');
    const huge = await rawRequest(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`);
    expect(huge).to.match(/^HTTP\/1\.1 431/);
  });

  it('answers a JSON endpoint sent another content type with 415', async () => {
    const res = await server.fetch('/users', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'username=x' });
    expect(res.status).to.equal(415);
    expect(await res.json()).to.include({ status: 415, type: '/problems/unsupported-media-type' });
  });

  it('refuses a compressed JSON body rather than inflating it past the limit', async () => {
    const res = await server.fetch('/users', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: 'xxxx',
    });
    expect(res.status).to.equal(415);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
  });

  it('answers schema violations with 422 and JSON pointers', async () => {
    const res = await server.fetch('/users', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'x', id: 5 }),
    });
    expect(res.status).to.equal(422);
    const problem = await res.json() as { errors: Array<{ pointer: string }> };
    const pointers = problem.errors.map((e) => e.pointer);
    expect(pointers).to.include.members(['/username', '/id', '/email', '/password']);
  });

  it('never answers a NUL character with a 500: 404 in the path, 400 in the query, 422 in a body', async () => {
    expect((await server.fetch('/users/a%00b')).status).to.equal(404);
    expect((await server.fetch('/users/a%00b/recipes')).status).to.equal(404);
    const query = await server.fetch('/recipes?q=a%00b');
    expect(query.status).to.equal(400);
    expect((await query.json()).errors[0].pointer).to.equal('/query/q');
    const body = await server.fetch('/users', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'nul_user', email: 'nul@example.test', password: 'a long password\u0000 with nul' }),
    });
    expect(body.status).to.equal(422);
    expect((await body.json()).errors).to.deep.include({ pointer: '/password', detail: 'password must not contain NUL characters' });
  });

  it('answers a path that is not valid percent-encoding with a 400 problem, not a JSON one', async () => {
    const res = await server.fetch('/users/%E0%A4%A');
    expect([400, 404]).to.include(res.status);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect((await res.json()).type).to.not.equal('/problems/malformed-json');
  });
});
