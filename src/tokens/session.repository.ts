import type { EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';

/** A live login: one refresh-token family. */
export interface SessionRecord {
  id: number;
  familyId: string;
  userAgent: string;
  createdAt: Date;
  lastUsedAt: Date;
}

interface Row {
  id: number;
  family_id: string;
  user_agent: string;
  created_at: Date;
  last_used_at: Date;
}

const toRecord = (row: Row): SessionRecord => ({
  id: Number(row.id), familyId: row.family_id, userAgent: row.user_agent, createdAt: new Date(row.created_at), lastUsedAt: new Date(row.last_used_at),
});

const LIVE = 'ended_at is null and expires_at > now()';

/** The `sessions` table: one row per refresh family (written with its tokens by refresh-token.repository.ts). */
export class SessionRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** The account's live sessions, the most recently used first. */
  async live(userId: number): Promise<SessionRecord[]> {
    const rows = await plainRows<Row>(
      this.em(),
      `select id, family_id, user_agent, created_at, last_used_at from sessions where user_id = ? and ${LIVE} order by last_used_at desc, id desc`,
      [userId],
    );
    return rows.map(toRecord);
  }

  async liveOne(userId: number, id: number): Promise<SessionRecord | null> {
    const rows = await plainRows<Row>(
      this.em(), `select id, family_id, user_agent, created_at, last_used_at from sessions where user_id = ? and id = ? and ${LIVE}`, [userId, id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Ends live sessions of the account — only session `only` when given, all but the family `keep`
   * when given — and revokes their refresh tokens, in one statement; resolves to the families ended.
   */
  async end(userId: number, which: { only?: number; keep?: string } = {}): Promise<string[]> {
    const rows = await plainRows<{ family_id: string }>(
      this.em(),
      `with ended as (update sessions set ended_at = now()
          where user_id = ? and ${LIVE} and (?::int is null or id = ?) and family_id is distinct from ?::uuid returning family_id),
        revoked as (update refresh_tokens set revoked_at = now() where family_id in (select family_id from ended) and revoked_at is null)
       select family_id from ended`,
      [userId, which.only ?? null, which.only ?? null, which.keep ?? null],
    );
    return rows.map((row) => row.family_id);
  }
}
