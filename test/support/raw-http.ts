import net from 'node:net';

/** What a raw exchange saw: every byte the server sent, and whether the server closed the connection. */
export interface RawExchange {
  text: string;
  closedByServer: boolean;
  status: number;
  headers: Map<string, string>;
  body: string;
}

function parse(text: string, closedByServer: boolean): RawExchange {
  const responses = text.split(/(?=HTTP\/1\.1 \d{3})/);
  const last = responses.at(-1) ?? '';
  const [head = '', body = ''] = last.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { text, closedByServer, status: Number(statusLine.split(' ')[1] ?? 0), headers, body };
}

/**
 * Sends bytes as they are (malformed requests, Expect: 100-continue without a body) and collects the
 * answer until the server closes the connection (the event waited for), or until `waitMs`, a generous
 * bound after which what came is returned with closedByServer false.
 */
export function rawExchange(port: number, request: string, waitMs = 20_000): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(parse(text, false));
    }, waitMs);
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(text, true));
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export const portOf = (url: string) => Number(new URL(url).port);
