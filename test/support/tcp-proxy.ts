import net from 'node:net';

/**
 * A TCP proxy that a test can cut (every connection dropped, new ones refused), freeze (connections
 * stay open and new ones are accepted, but nothing passes either way: a partitioned or hung database)
 * and restore on the same port.
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private frozen = false;
  port = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  async start(): Promise<void> {
    if (this.server) return;
    this.server = net.createServer((client) => {
      this.track(client);
      if (this.frozen) return; // accepted, never answered
      const upstream = net.connect(this.targetPort, this.targetHost);
      this.track(upstream);
      for (const socket of [client, upstream]) {
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  /** Drops every connection and stops listening: the database looks dead. */
  async cut(): Promise<void> {
    this.frozen = false;
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /**
   * Nothing passes any more, in either direction, on open connections or new ones (which are still
   * accepted): the database is silent, TCP is not. The bytes sent meanwhile are lost (a partition).
   */
  freeze(): void {
    this.frozen = true;
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.removeAllListeners('data');
      socket.on('data', () => undefined); // read and dropped
    }
  }
}
