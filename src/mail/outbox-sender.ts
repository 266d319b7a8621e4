import type { Logger } from 'pino';
import type { MailTransport } from './mail-transport.ts';
import type { OutboxRepository } from './outbox.repository.ts';

const POLL_MS = 2000;
const BATCH = 10;
const MAX_BACKOFF_S = 60;

/**
 * Drains the mail outbox: sends due mails, and reschedules a failed one with exponential
 * back-off (1 s, 2 s, 4 s … 60 s), forever, so a mail server that is down loses nothing.
 * A retry is woken by its own timer (not only by the poll), so it happens when it is due.
 * Delivery is at least once: a sender that dies mid-send lets the lease expire and retries.
 */
export class OutboxSender {
  private timer: NodeJS.Timeout | undefined;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransport,
    /** Runs a unit of work in a fresh database context. */
    private readonly inContext: <T>(work: () => Promise<T>) => Promise<T>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  /** Sends what is due now (called after a transaction that enqueued mail commits). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const due = await this.inContext(() => this.outbox.claimDue(BATCH));
        for (const mail of due) {
          try {
            await this.transport.send(mail);
            await this.inContext(() => this.outbox.markSent(mail.id));
          } catch (error) {
            const retryIn = Math.min(2 ** Math.max(0, mail.attempts - 1), MAX_BACKOFF_S);
            this.logger.warn({ mailId: mail.id, attempts: mail.attempts, retryIn, err: error }, 'mail not sent; will retry');
            await this.inContext(() => this.outbox.markFailed(mail.id, error instanceof Error ? error.message : String(error), retryIn));
            this.wakeIn(retryIn);
          }
        }
        if (due.length < BATCH) return;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'mail outbox unavailable; will retry');
    }
  }

  private wakeIn(seconds: number): void {
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.kick();
    }, seconds * 1000 + 50);
    timer.unref();
    this.retryTimers.add(timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    await this.running;
    this.transport.close();
  }
}
