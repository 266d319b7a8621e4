import { AppError } from './app-error.ts';

/**
 * Runs at most `max` tasks at a time; up to `maxWaiting` more wait their turn, and beyond that a
 * task is refused with 503 (Retry-After) rather than queueing memory without bound.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number, private readonly maxWaiting: number, private readonly busy = 'The server is too busy right now') {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new AppError('service-unavailable', `${this.busy}; retry shortly.`, { headers: { 'Retry-After': '5' } });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes on directly
      else this.running -= 1;
    }
  }
}
