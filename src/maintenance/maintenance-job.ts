import type { Logger } from 'pino';
import { previewNameOf, type ImageStore } from '../images/image-store.ts';
import type { StoredImageRepository } from '../images/stored-image.repository.ts';
import { MaintenanceRepository } from './maintenance.repository.ts';

export interface MaintenanceSettings {
  /** Between runs (each instance runs it; they do not get in each other's way). */
  intervalMs: number;
  /** An unreferenced image is deleted only this long after its last upload (an upload in progress refers to it soon). */
  imageGraceSeconds: number;
}

export const DEFAULT_MAINTENANCE: MaintenanceSettings = { intervalMs: 15 * 60_000, imageGraceSeconds: 3600 };

export interface MaintenanceDeps {
  rows: MaintenanceRepository;
  stored: StoredImageRepository;
  store: ImageStore;
  /** Runs work in one transaction of a fresh database context. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  logger: Logger;
}

export type SweepReport = Record<
  'pendingAccounts' | 'refreshTokens' | 'sessions' | 'activationTokens' | 'accountTokens' | 'mails' | 'idempotencyKeys' | 'images', number
>;

const IMAGE_BATCH = 50;

/**
 * Deletes what nobody refers to any more (issue: many instances): orphaned images after their grace
 * period, expired refresh tokens, ended logins, used emailed links, delivered mail, Idempotency-Keys
 * past their 24 hours and accounts never activated.
 * Safe with many instances running it: rows are claimed with SKIP LOCKED. A failed run is logged and
 * retried at the next interval; nothing it skips is lost.
 */
export class MaintenanceJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepReport | undefined> | undefined;

  constructor(private readonly deps: MaintenanceDeps, private readonly settings: MaintenanceSettings) {}

  start(): void {
    this.timer = setInterval(() => void this.runInBackground(), this.settings.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One complete run (also for tests and operators); concurrent calls share it. */
  runOnce(): Promise<SweepReport | undefined> {
    this.running ??= this.sweep().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async runInBackground(): Promise<void> {
    try {
      const report = await this.runOnce();
      if (report && Object.values(report).some((n) => n > 0)) this.deps.logger.info({ report }, 'maintenance swept');
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'maintenance failed; it runs again at the next interval');
    }
  }

  private async sweep(): Promise<SweepReport> {
    const { rows } = this.deps;
    return {
      pendingAccounts: await this.repeat(() => rows.expiredPendingAccounts(), MaintenanceRepository.batch),
      refreshTokens: await this.repeat(() => rows.expiredRefreshTokens(), MaintenanceRepository.batch),
      sessions: await this.repeat(() => rows.sessionsDone(), MaintenanceRepository.batch),
      activationTokens: await this.repeat(() => rows.activationTokensDone(), MaintenanceRepository.batch),
      accountTokens: await this.repeat(() => rows.accountTokensDone(), MaintenanceRepository.batch),
      mails: await this.repeat(() => rows.deliveredMail(), MaintenanceRepository.batch),
      idempotencyKeys: await this.repeat(() => rows.expiredIdempotencyKeys(), MaintenanceRepository.batch),
      images: await this.repeat(() => this.orphanedImages(), IMAGE_BATCH),
    };
  }

  /** Runs a batch, each in its own transaction, until one comes back short; resolves to the total. */
  private async repeat(batch: () => Promise<number>, size: number): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.deps.transaction(batch);
      total += done;
      if (done < size) return total;
    }
  }

  /** The files go first, their rows after; the rows stay locked meanwhile, so an upload of the same bytes waits. */
  private async orphanedImages(): Promise<number> {
    const names = await this.deps.stored.claimOrphans(this.settings.imageGraceSeconds, IMAGE_BATCH);
    for (const name of names) {
      await this.deps.store.delete(previewNameOf(name)); // made on request, from the image (API.md §7)
      await this.deps.store.delete(name);
    }
    await this.deps.stored.forget(names);
    return names.length;
  }
}
