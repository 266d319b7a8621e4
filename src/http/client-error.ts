import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { Uris } from '../core/uris.ts';
import { AppError } from '../core/app-error.ts';
import { problemTypes, type ProblemSlug } from '../core/problem-catalog.ts';
import { lingerOnSocket } from './lingering-close.ts';
import { PROBLEM_JSON, problemBody } from './problems.ts';

export interface RawProblemSettings {
  uris: Uris;
  /** Headers every answer carries (helmet's), see security-headers.ts. */
  securityHeaders: Record<string, string>;
  logger: Logger;
}

/** The path of the request line in what the parser had received, when there is a readable one. */
function requestPath(raw: Buffer | undefined): string | undefined {
  const line = raw?.subarray(0, 2048).toString('latin1').split('\r\n')[0] ?? '';
  const target = /^[A-Z]+ (\/[!-~]*) HTTP\/1\.[01]$/.exec(line)?.[1];
  return target?.split('?')[0];
}

/** A complete problem answer written straight to the socket, then the connection closes. */
function writeProblem(socket: Duplex, settings: RawProblemSettings, error: AppError, path: string | undefined): void {
  const { uris } = settings;
  const id = randomUUID();
  settings.logger.debug({ slug: error.slug, problemId: id }, 'request refused before routing');
  const body = problemBody(uris, error, path ? uris.absolute(path) : `urn:uuid:${id}`);
  const headers = {
    ...settings.securityHeaders, ...error.extra.headers, 'Content-Type': `${PROBLEM_JSON}; charset=utf-8`, 'Cache-Control': 'no-store',
    Date: new Date().toUTCString(), Connection: 'close', 'Content-Length': String(Buffer.byteLength(body)),
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n');
  socket.end(`HTTP/1.1 ${error.status} ${problemTypes[error.slug].title}\r\n${head}\r\n\r\n${body}`);
}

/**
 * Node's own HTTP parser rejects malformed requests before Express sees them (400, 408, 431). Those
 * get a complete problem+json too (API.md §1), with the security headers, then the connection closes
 * — a lingering close (API.md §10): the refusing parser reports each later chunk the client still
 * sends as another error, which is ignored (the chunk is dropped) until the client closes or a bound
 * is passed, so a client that reads after sending gets the answer rather than a reset.
 */
export function clientErrorHandler(settings: RawProblemSettings) {
  const answered = new WeakSet<Duplex>();
  return (error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex) => {
    if (answered.has(socket)) return;
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const slug: ProblemSlug = error.code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' : 'bad-request';
    writeProblem(socket, settings, new AppError(slug, problemTypes[slug].description), requestPath(error.rawPacket));
    answered.add(socket);
    lingerOnSocket(socket);
  };
}

/** CONNECT (a proxy's method) names no resource here: 501, rather than the silent close Node gives it. */
export function connectHandler(settings: RawProblemSettings) {
  return (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    writeProblem(socket, settings, new AppError('not-implemented', 'CONNECT is not supported: this server is not a proxy.'), undefined);
  };
}
