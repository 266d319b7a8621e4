import { Writable } from 'node:stream';
import { pino } from 'pino';

/** A pino logger (warn and up) that keeps its lines for assertions. */
export function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  return { lines, logger: pino({ level: 'warn' }, stream) };
}
