import { expect } from 'chai';
import net from 'node:net';
import { createUser, type TestUser } from '../support/accounts.ts';
import { bytesOf, putImage } from '../support/images.ts';
import { portOf } from '../support/raw-http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const SIX_MIB = 6 * 1024 * 1024;

/**
 * A client that sends its whole request at full speed and reads the answer only then (as many do):
 * the answer's status, or the error its socket got, and whether the server closed in order.
 */
function sendThenRead(port: number, head: string, body: Buffer): Promise<{ status: number; error?: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.pause(); // nothing is read before everything is sent
    let text = '';
    const status = () => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ status: status(), error: error.code, closed: false }));
    socket.on('end', () => resolve({ status: status(), closed: true }));
    socket.write(head);
    const block = 64 * 1024;
    let offset = 0;
    const next = () => {
      if (offset >= body.length) return void socket.resume();
      const chunk = body.subarray(offset, offset + block);
      offset += chunk.length;
      socket.write(chunk, () => setImmediate(next));
    };
    next();
  });
}

/**
 * API.md §7, §10 and RFC 9112 §9.6: an answer given while the client is still sending (a 413 for a 6 MiB
 * upload) is followed by a lingering close — the server reads and discards what still comes, up to a
 * bound, so the client reads the answer instead of a connection reset.
 */
describe('an early answer, then a lingering close', () => {
  let server: TestServer;
  let cook: TestUser;
  let editMedia: string;
  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    cook = await createUser(server);
    const me = await (await cook.client.go().follow('me')).get();
    editMedia = new URL(me.links.get('edit-media')!.href, server.root).href;
  });
  after(async () => {
    await server?.close();
  });

  it('answers 50 uploads of 6 MiB sent at full speed with 50 × 413, never a reset', async function () {
    this.timeout(120_000);
    const body = bytesOf(Buffer.alloc(SIX_MIB, 7));
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < 50; i += 1) {
      const outcome = await putImage(server, editMedia, cook.accessToken, body, 'image/png')
        .then(async (res) => {
          const problem = await res.json();
          return `${res.status} ${problem.type}`;
        }, (error: Error & { cause?: { code?: string } }) => `${error.message} ${error.cause?.code ?? ''}`);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    expect(outcomes).to.deep.equal({ '413 /problems/payload-too-large': 50 });
  });

  it('answers a chunked 6 MiB upload (no Content-Length), sent before reading, 413 once past the limit, read to its end', async function () {
    this.timeout(60_000);
    const chunk = Buffer.alloc(64 * 1024, 9);
    const chunked = Buffer.concat([
      ...Array.from({ length: SIX_MIB / chunk.length }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])),
      Buffer.from('0\r\n\r\n'),
    ]);
    const head = `PUT ${new URL(editMedia).pathname} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${cook.accessToken}\r\n`
      + 'Content-Type: image/png\r\nAccept: application/hal+json\r\nTransfer-Encoding: chunked\r\n\r\n';
    for (let i = 0; i < 10; i += 1) {
      expect(await sendThenRead(portOf(server.url), head, chunked)).to.deep.equal({ status: 413, closed: true });
    }
  });

  it('answers a client that sends 6 MiB with a Content-Length before reading: 413, then an orderly close', async function () {
    this.timeout(60_000);
    const head = `PUT ${new URL(editMedia).pathname} HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: ${SIX_MIB}\r\n\r\n`;
    for (let i = 0; i < 10; i += 1) {
      expect(await sendThenRead(portOf(server.url), head, Buffer.alloc(SIX_MIB, 3))).to.deep.equal({ status: 413, closed: true });
    }
  });

  it('answers what Node\'s parser refuses (431, a smuggling shape) to a client that sends 3 MiB more before reading', async function () {
    this.timeout(60_000);
    const body = Buffer.alloc(3 * 1024 * 1024, 1);
    const tooLarge = `POST /tokens HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const smuggling = `POST /tokens HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n`;
    for (let i = 0; i < 5; i += 1) {
      expect(await sendThenRead(portOf(server.url), tooLarge, body), 'headers too large').to.deep.equal({ status: 431, closed: true });
      expect(await sendThenRead(portOf(server.url), smuggling, body), 'Content-Length with chunked').to.deep.equal({ status: 400, closed: true });
    }
  });

  it('stops reading at its bound: a client that never stops sending is cut off', async function () {
    this.timeout(60_000);
    const socket = net.connect(portOf(server.url), '127.0.0.1');
    const head = `PUT ${new URL(editMedia).pathname} HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 1000000000\r\n\r\n`;
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    const block = Buffer.alloc(256 * 1024, 1);
    let sent = 0;
    const ended = new Promise<void>((resolve) => {
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    socket.write(head);
    const pump = () => {
      while (!socket.destroyed && socket.write(block)) sent += block.length;
      if (!socket.destroyed) socket.once('drain', pump);
    };
    pump();
    await ended;
    expect(text).to.match(/^HTTP\/1\.1 413 /);
    expect(sent).to.be.below(1_000_000_000);
  });
});
