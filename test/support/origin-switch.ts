import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the origin does: answer (through to the app), fail (every answer a 502 page, as nginx gives with every instance gone), or refuse connections. */
export type OriginMode = 'up' | 'failing' | 'down';

/**
 * An HTTP hop between a cache and the app that a test switches: up (requests go through to the app),
 * failing (502 text/html for everything, /health included) or down (its port refuses connections), on
 * the same port throughout. It stands where nginx stands in deploy/: in front of every instance.
 */
export class OriginSwitch {
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private mode: OriginMode = 'up';
  private held: { path: string; arrived: () => void; released: Promise<void> } | undefined;
  port = 0;

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    const target = new URL(this.target);
    const server = http.createServer({ keepAlive: false }, (req, res) => {
      if (this.mode === 'failing') {
        res.writeHead(502, { 'Content-Type': 'text/html', Connection: 'close' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      }
      const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const hold = this.held?.path === req.url ? this.held : undefined;
        if (hold) this.held = undefined;
        const forward = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        };
        if (!hold) return forward();
        // The app has answered (what it read is in the answer); the cache gets it only once released.
        answer.pause();
        hold.arrived();
        void hold.released.then(forward);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /**
   * Holds the app's next answer to a GET of `path` (its path and query) between the app and the cache:
   * `arrived` resolves once the app has answered (it read its data before), `release()` lets it through.
   */
  hold(path: string): { arrived: Promise<void>; release: () => void } {
    let release!: () => void;
    let arrived!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const answered = new Promise<void>((resolve) => (arrived = resolve));
    this.held = { path, arrived, released };
    return { arrived: answered, release };
  }

  /** Switches the origin; `down` closes the port (and every open connection), `up`/`failing` reopen it. */
  async set(mode: OriginMode): Promise<void> {
    this.mode = mode;
    if (mode === 'down') await this.stop();
    else if (!this.server) await this.start();
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
