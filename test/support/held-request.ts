import http from 'node:http';
import net from 'node:net';

export interface HeldAnswer { status: number; connection: string | undefined; body: string }

/** A request the server is working on, its body held back: finish() sends it and resolves with the answer. */
export interface HeldRequest { finish(): Promise<HeldAnswer> }

/**
 * A request provably in flight, on a connection of its own: its headers go out with
 * `Expect: 100-continue`, and the server's `100 Continue` (src/server.ts writes it as it hands the
 * request to the app) is the event that says the server has taken it. The body waits for finish().
 */
export function heldRequest(url: string, body: string, headers: Record<string, string> = {}): Promise<HeldRequest> {
  const bytes = Buffer.from(body);
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = http.request(url, {
      method: 'POST', agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(bytes.length), Expect: '100-continue', ...headers },
    });
    const answer = new Promise<HeldAnswer>((resolveAnswer, rejectAnswer) => {
      req.on('response', (res) => {
        if (!continued) reject(new Error(`answered ${res.statusCode} instead of 100 Continue`));
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
      });
      req.on('error', (error) => {
        reject(error);
        rejectAnswer(error);
      });
    });
    answer.catch(() => {}); // an error before finish() rejects the held request itself
    req.once('continue', () => {
      continued = true;
      resolve({
        finish() {
          req.end(bytes);
          return answer;
        },
      });
    });
    req.flushHeaders();
  });
}

/** Whether a new TCP connection to `port` on 127.0.0.1 is accepted or refused (ECONNREFUSED) right now. */
export function newConnection(port: number): Promise<'accepted' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error)));
  });
}
