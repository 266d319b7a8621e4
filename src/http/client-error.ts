import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { problemTypes, type ProblemSlug } from '../problem-types.ts';

/**
 * Node's own HTTP parser rejects malformed requests before Express sees them. Answer those
 * with a problem+json too (API.md §1), then close the connection.
 */
export function clientErrorHandler(logger: Logger) {
  return (error: Error & { code?: string }, socket: Socket) => {
    logger.debug({ code: error.code }, 'client error');
    if (!socket.writable || (error.code === 'ECONNRESET')) {
      socket.destroy();
      return;
    }
    const slug: ProblemSlug = error.code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' : 'bad-request';
    const type = problemTypes[slug];
    const body = JSON.stringify({ type: `/problems/${slug}`, title: type.title, status: type.status, detail: type.description });
    socket.end(`HTTP/1.1 ${type.status} ${type.title}\r\nContent-Type: application/problem+json\r\n`
      + `Cache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
}
