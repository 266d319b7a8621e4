import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The lingering close of RFC 9112 §9.6 (API.md §10): an answer given while the client is still
 * sending its body (a 413 on a 6 MiB upload, a 401 before an upload is read, a framing error) is
 * sent at once, but the connection is closed only once the client has sent the rest, which is read
 * and thrown away. Closing with unread data makes the kernel reset the connection, and a client that
 * reads only after sending (most do) then sees "connection reset", never the answer.
 *
 * Reading is bounded: at most LINGER.bytes more, LINGER.totalMs in all, and LINGER.idleMs without a
 * byte; past a bound the connection is closed anyway.
 */
export const LINGER = { bytes: 32 * 1024 * 1024, totalMs: 10_000, idleMs: 2_000 };

/** Requests whose `Expect: 100-continue` was answered with 100 Continue (src/server.ts): their bodies are coming. */
const continued = new WeakSet<IncomingMessage>();

export function markContinued(req: IncomingMessage): void {
  continued.add(req);
}

/** Whether the client is still to send (some of) the request's body. */
function bodyStillComing(req: IncomingMessage): boolean {
  if (req.complete || req.destroyed) return false;
  // A client that asked for 100 Continue and did not get it sends no body (RFC 9110 §10.1.1).
  return !/100-continue/i.test(req.headers.expect ?? '') || continued.has(req);
}

/**
 * Sends `body` as the whole answer (the head is set by the caller) and closes the connection after it;
 * when the request's body is still coming, the end of the answer waits for it, within the bounds.
 */
export function endThenClose(req: IncomingMessage, res: ServerResponse, body: string): void {
  res.setHeader('Connection', 'close');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  if (!bodyStillComing(req)) return void res.end(body);
  res.write(body); // the client has the complete answer now (Content-Length); only the close waits
  let discarded = 0;
  const finish = () => {
    clearTimeout(total);
    clearTimeout(idle);
    req.off('data', onData).off('end', finish).off('close', finish);
    if (!res.writableEnded) res.end();
  };
  const total = setTimeout(finish, LINGER.totalMs);
  const idle = setTimeout(finish, LINGER.idleMs);
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER.bytes) return finish();
    idle.refresh();
  };
  req.on('data', onData).once('end', finish).once('close', finish);
  req.resume();
}

/**
 * The same for an answer written straight to the socket after Node's parser refused the request
 * (client-error.ts): the socket was ended after the answer; what the client still sends is read by
 * the refusing parser and dropped, until the client closes or a bound is passed. Polled, since the
 * parser reads the socket itself (no 'data' events).
 */
export function lingerOnSocket(socket: Duplex & { bytesRead?: number }): void {
  const started = Date.now();
  const read = () => socket.bytesRead ?? 0;
  const first = read();
  let last = first;
  const check = setInterval(() => {
    const now = read();
    const idle = now === last;
    last = now;
    if (idle || now - first > LINGER.bytes || Date.now() - started > LINGER.totalMs) socket.destroy();
  }, LINGER.idleMs);
  check.unref();
  socket.once('close', () => clearInterval(check));
  socket.once('end', () => socket.destroy());
}
