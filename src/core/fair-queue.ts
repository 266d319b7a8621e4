import { AppError } from './app-error.ts';

/** What a FairQueue may hold. */
export interface FairQueueLimits {
  /** Tasks running at once (at most one per owner). */
  slots: number;
  /** Tasks one owner may have waiting; one more is a 429. */
  waitingPerOwner: number;
  /** Tasks waiting in all; one more is a 503. */
  waiting: number;
}

interface Waiter {
  start(): void;
}

/**
 * Runs costly work (image decoding) with at most `slots` tasks at a time and at most ONE per owner (an
 * account), serving the owners that wait in turn (round robin), not in order of arrival. So with two
 * slots or more, one owner's tasks never hold up another owner's: there is always a slot it cannot
 * take. Waiting is bounded per owner (429) and in all (503), both with Retry-After.
 */
export class FairQueue {
  private running = 0;
  private readonly busy = new Set<string>();
  /** Owners with waiting tasks, in the order they are served (Map keeps insertion order). */
  private readonly waiting = new Map<string, Waiter[]>();
  private waitingCount = 0;

  constructor(private readonly limits: FairQueueLimits) {}

  async run<T>(owner: string, task: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.slots && !this.busy.has(owner)) this.claim(owner);
    else await this.wait(owner);
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.busy.delete(owner);
      this.dispatch();
    }
  }

  private claim(owner: string): void {
    this.running += 1;
    this.busy.add(owner);
  }

  private wait(owner: string): Promise<void> {
    const queue = this.waiting.get(owner) ?? [];
    if (queue.length >= this.limits.waitingPerOwner) {
      throw new AppError('too-many-requests', `${queue.length + 1} of your uploads are being processed at once; wait for them to finish.`, {
        headers: { 'Retry-After': '5' },
      });
    }
    if (this.waitingCount >= this.limits.waiting) {
      throw new AppError('service-unavailable', 'Too many images are being processed right now; retry shortly.', { headers: { 'Retry-After': '5' } });
    }
    this.waitingCount += 1;
    return new Promise<void>((resolve) => {
      queue.push({ start: resolve });
      this.waiting.set(owner, queue);
    });
  }

  /** Starts waiting tasks while slots are free: the first owner in turn who has none running; it then goes to the back. */
  private dispatch(): void {
    for (const [owner, queue] of this.waiting) {
      if (this.running >= this.limits.slots) return;
      if (this.busy.has(owner)) continue;
      const next = queue.shift()!;
      this.waiting.delete(owner);
      if (queue.length > 0) this.waiting.set(owner, queue); // to the back of the turn
      this.waitingCount -= 1;
      this.claim(owner);
      next.start();
    }
  }
}
