/**
 * Accounts that are never activated expire (API.md §3): after this long their username and email
 * are free again, so nobody can squat someone else's address or name by registering it. The
 * maintenance job deletes them (src/maintenance); registration and login already ignore them.
 */
export const PENDING_ACCOUNT_TTL_MS = 7 * 24 * 3600 * 1000;

export function isExpiredPending(user: { isActive: boolean; createdAt: Date }, now = Date.now()): boolean {
  return !user.isActive && user.createdAt.getTime() <= now - PENDING_ACCOUNT_TTL_MS;
}

/** The same rule in SQL, for queries over users (`u` or the table itself). */
export function livePendingSql(table = 'users'): string {
  return `(${table}.is_active or ${table}.created_at > now() - interval '${PENDING_ACCOUNT_TTL_MS / 1000} seconds')`;
}
