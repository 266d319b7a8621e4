import net from 'node:net';

/**
 * A TCP proxy that a test can cut (every connection dropped, new ones refused) and restore on the same
 * port; with `record`, it keeps what clients sent (e.g. the request headers a real server received).
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly fromClients: Buffer[] = [];
  port = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number, private readonly record = false) {}

  /** Everything clients sent so far (latin1), when recording. */
  get sent(): string {
    return Buffer.concat(this.fromClients).toString('latin1');
  }

  async start(): Promise<void> {
    if (this.server) return;
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
      if (this.record) client.on('data', (chunk: Buffer) => this.fromClients.push(chunk));
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Drops every connection and stops listening: the database looks dead. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
