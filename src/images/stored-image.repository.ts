import type { EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';

/**
 * stored_images: every file the image store holds and when it was last uploaded. The only code that
 * queries it. Orphans (referenced by no avatar and no cover) older than the grace period are the
 * maintenance job's to delete; SKIP LOCKED lets several instances sweep at once without meeting.
 */
export class StoredImageRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** Records (or refreshes) a file about to be written: its grace period starts again. */
  async record(name: string): Promise<void> {
    await plainRows(
      this.em(),
      'insert into stored_images (name, stored_at) values (?, now()) on conflict (name) do update set stored_at = now()', [name],
    );
  }

  /**
   * Locks and returns up to `limit` unreferenced files stored before the grace period, in the current
   * transaction; an upload of the same bytes waits for it (its `record` needs the row).
   */
  async claimOrphans(graceSeconds: number, limit: number): Promise<string[]> {
    const rows = await plainRows<{ name: string }>(
      this.em(),
      `select s.name from stored_images s
        where s.stored_at < now() - (? * interval '1 second')
          and not exists (select 1 from users u where u.avatar = s.name)
          and not exists (select 1 from recipes r where r.cover = s.name)
        order by s.stored_at limit ? for update of s skip locked`,
      [graceSeconds, limit],
    );
    return rows.map((row) => row.name);
  }

  async forget(names: string[]): Promise<void> {
    if (names.length === 0) return;
    await plainRows(
      this.em(),
      'delete from stored_images where name in (?)', [names],
    );
  }
}
