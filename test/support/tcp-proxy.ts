import net from 'node:net';
import { testDatabase } from './test-server.ts';

/** PostgreSQL's CommandComplete message for COMMIT: 'C', its length (4 + 7), "COMMIT\0". */
const COMMIT_COMPLETE = Buffer.concat([Buffer.from([0x43, 0, 0, 0, 11]), Buffer.from('COMMIT\0', 'latin1')]);

/**
 * A TCP proxy that a test can cut (every connection dropped, new ones refused), freeze (connections
 * stay open and new ones are accepted, but nothing passes either way: a partitioned or hung database)
 * and restore on the same port; it can also lose the answer to a COMMIT (the transaction is stored,
 * its client only sees the connection drop). With `record`, it keeps what clients sent (e.g. the
 * request headers a real server received).
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private frozen = false;
  private losing: { statement: RegExp; left: number } | undefined;
  /** How many COMMIT answers were lost so far. */
  lostCommits = 0;
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
      if (this.record) client.on('data', (chunk: Buffer) => this.fromClients.push(chunk));
      let marked = false; // this connection sent a statement whose transaction's COMMIT answer is to be lost
      client.on('data', (chunk: Buffer) => {
        if (this.losing && this.losing.statement.test(chunk.toString('latin1'))) marked = true;
      });
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        if (chunk.includes(COMMIT_COMPLETE)) {
          if (marked && this.losing && this.losing.left > 0) {
            this.losing.left -= 1;
            this.lostCommits += 1;
            client.destroy();
            upstream.destroy();
            return;
          }
          marked = false;
        }
        client.write(chunk);
      });
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
   * The next `times` transactions that send a statement matching `statement` commit, but the answer to
   * their COMMIT never reaches the client: the connection drops right after the database committed.
   */
  loseCommitAnswers(statement: RegExp, times = 1): void {
    this.losing = { statement, left: times };
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

/**
 * A proxy in front of the test database, started, and what `startTestServer`'s `connectVia` takes to
 * make the app connect through it: the test can then cut, freeze or restore the app's database.
 */
export async function proxiedDatabase(): Promise<{ proxy: TcpProxy; via: (url: string) => string }> {
  const database = new URL((await testDatabase()).url);
  const proxy = new TcpProxy(database.hostname, Number(database.port || 5432));
  await proxy.start();
  return { proxy, via: (url) => Object.assign(new URL(url), { hostname: '127.0.0.1', port: String(proxy.port) }).href };
}
