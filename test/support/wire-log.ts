import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that reads what the app sends (the frontend protocol) and keeps
 * the text of every statement — simple Query ('Q') and Parse ('P') messages — in order: the work a
 * request asks of the database, to compare two requests' work without timing them.
 */
export class WireLog {
  readonly statements: string[] = [];
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      const read = this.reader();
      client.on('data', (chunk: Buffer) => read(chunk));
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** A parser of one connection's frontend messages: the startup packet (and an SSLRequest) have no type byte. */
  private reader(): (chunk: Buffer) => void {
    let buffer = Buffer.alloc(0);
    let started = false;
    return (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code !== 80877103) started = true; // 80877103: SSLRequest, then the startup packet comes
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0]!);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) return;
        const payload = buffer.subarray(5, 1 + length);
        buffer = buffer.subarray(1 + length);
        if (type === 'Q') this.statements.push(payload.toString('utf8', 0, payload.indexOf(0)));
        if (type === 'P') {
          const nameEnd = payload.indexOf(0);
          this.statements.push(payload.toString('utf8', nameEnd + 1, payload.indexOf(0, nameEnd + 1)));
        }
      }
    };
  }

  /** The URL of the database through this proxy. */
  via(url: string): string {
    return Object.assign(new URL(url), { hostname: '127.0.0.1', port: String(this.port) }).href;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A statement's shape: its literals and parameters as `?` (values differ between two paths; the work does not). */
export function shapeOf(statement: string): string {
  return statement
    .replace(/E?'(?:[^']|'')*'/g, '?')
    .replace(/\$\d+/g, '?')
    .replace(/\b(?:null|true|false)\b/gi, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
}
