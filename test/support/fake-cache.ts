import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';

export interface Seen { method: string; url: string; host: string; banUrl: string | undefined; answeredAt?: number }

/**
 * A stand-in for Varnish: records every request; answers after `delayMs`, or never ('hang'), with
 * `status`. Raw TCP, because Node's HTTP parser rejects the BAN method.
 */
export class FakeCache {
  seen: Seen[] = [];
  mode: 'answer' | 'hang' = 'answer';
  delayMs = 0;
  status = 200;
  readonly server = net.createServer((socket) => {
    let buffered = '';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const [requestLine = '', ...headerLines] = buffered.slice(0, end).split('\r\n');
        buffered = buffered.slice(end + 4);
        const headers = new Map(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
        const [method = '', url = ''] = requestLine.split(' ');
        const entry: Seen = { method, url, host: headers.get('host') ?? '', banUrl: headers.get('x-ban-url') };
        this.seen.push(entry);
        if (this.mode === 'hang') continue;
        setTimeout(() => {
          entry.answeredAt = Date.now();
          socket.write(`HTTP/1.1 ${this.status} Whatever\r\nContent-Length: 0\r\n\r\n`);
        }, this.delayMs);
      }
    });
  });
  private readonly sockets = new Set<net.Socket>();

  async start(): Promise<string> {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  requests = () => this.seen.map(({ method, url, banUrl }) => `${method} ${url}${banUrl ? ` ${banUrl}` : ''}`).sort();
}

/** A port nobody listens on right now (the next listener may take it). */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A pino logger (warn and up) that keeps its lines for assertions. */
export function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  return { lines, logger: pino({ level: 'warn' }, stream) };
}
