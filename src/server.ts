import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { Uris } from './core/uris.ts';
import { BODY_LIMITS, createApp, securityHeaders } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { entities } from './entities.ts';
import { declaresTooMuch } from './http/body-limits.ts';
import { clientErrorHandler, connectHandler } from './http/client-error.ts';
import { drainingSwitch } from './http/draining.ts';
import { markContinued } from './http/lingering-close.ts';
import { headersSetBy } from './http/security-headers.ts';
import { createLogger } from './logger.ts';
import { createServices, type Services } from './services.ts';

/** How long kept-alive connections may still bring a request after SIGTERM (answered with Connection: close). */
export const DRAIN_GRACE_MS = 1000;

/**
 * Graceful shutdown (API.md §12): stop accepting at once, but leave kept-alive connections open for a
 * grace period, so a request already on its way is answered (with Connection: close) rather than
 * reset; then close the idle ones, and wait for the last in-flight request.
 */
async function drain(server: http.Server, draining: { start(): void }, graceMs: number): Promise<void> {
  draining.start();
  // net's close only stops accepting; http's close would also drop idle connections right away.
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise((resolve) => { timer = setTimeout(resolve, graceMs); })]);
  clearTimeout(timer);
  server.close(); // now: idle connections and the connection-checking timer
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  await closed;
  clearInterval(sweep);
}

export interface RunningServer {
  url: string;
  server: http.Server;
  services: Services;
  close(): Promise<void>;
}

/** Opens the database (migrating it), wires the services and listens. */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const database = await openDatabase(config, entities, logger);
  const services = await createServices(config, logger, database);
  const app = createApp(config, logger, services);
  const server = http.createServer({
    headersTimeout: 10_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: 1_000,
    // A missing Host gets a complete problem from the app (http/framing.ts), not Node's bare 400.
    requireHostHeader: false,
  });
  const raw = { uris: new Uris(config.publicBaseUrl), securityHeaders: headersSetBy(securityHeaders(config)), logger };
  server.on('clientError', clientErrorHandler(raw));
  server.on('connect', connectHandler(raw));
  const draining = drainingSwitch(server);
  server.on('request', app);
  // Expect: 100-continue is answered only for a body the request may carry; otherwise the app refuses it (413).
  server.on('checkContinue', (req, res) => {
    if (!declaresTooMuch(req, BODY_LIMITS)) {
      res.writeContinue();
      markContinued(req);
    }
    server.emit('request', req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  services.listeningAt(`http://${['0.0.0.0', '[::]'].includes(host) ? 'localhost' : host}:${port}`);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    server,
    services,
    close() {
      closing ??= (async () => {
        await drain(server, draining, config.drainGraceMs ?? DRAIN_GRACE_MS);
        await services.stop();
        await database.close();
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  // The embedded database is created, once, by this same program in a child process (see db/embedded-postgres.ts).
  config.embeddedInitCommand = [process.execPath, ...process.execArgv, process.argv[1]!];
  const running = await startServer(config, logger);
  logger.info({ url: running.url }, 'Smilecook API listening');
  if (config.env !== 'production') {
    process.stdout.write(`\nSmilecook is ready: ${running.url}/  ·  explore it in a browser: ${running.url}/explorer\n\n`);
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    running.close().then(() => process.exit(0), (error) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** `--init-embedded-database <dir>`: only create the embedded database's files, then exit (the server's child). */
async function initEmbedded(dataDir: string): Promise<void> {
  const { initializeDataDir } = await import('./db/embedded-postgres.ts');
  await initializeDataDir(dataDir);
  process.exit(0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const init = process.argv.indexOf('--init-embedded-database');
  (init > 0 ? initEmbedded(process.argv[init + 1]!) : main()).catch((error) => {
    console.error('Smilecook failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
