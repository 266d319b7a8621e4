import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/logger.ts';

/** The app's own logger (its serializers and redaction), writing its lines to memory for assertions. */
export function capturedLogger(level = 'warn'): { lines: Array<Record<string, unknown>>; text(): string; logger: Logger } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, text: () => lines.map((line) => JSON.stringify(line)).join('\n'), logger: createLogger(level, stream) };
}
