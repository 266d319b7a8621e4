import type http from 'node:http';

/**
 * Graceful shutdown without resets: once draining starts, every response (in flight or arriving on a
 * kept-alive connection) says `Connection: close`, so no client sends another request on a socket
 * the server is about to close. Registered before the app, so it sees every request first.
 */
export function drainingSwitch(server: http.Server): { start(): void } {
  let draining = false;
  const inFlight = new Set<http.ServerResponse>();
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (draining) res.shouldKeepAlive = false;
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return {
    start() {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    },
  };
}
