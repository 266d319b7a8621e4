/**
 * Ends an account's logins (API.md §3: a password reset or change, a deletion). Implemented by
 * src/tokens (its sessions and the revocation store) and wired in services.ts, so that src/users
 * never imports src/tokens.
 */
export interface SessionEnding {
  /**
   * In the caller's transaction: ends every live session of the account but the one of the refresh
   * family `keep`, and refuses at once, on every instance, every access token issued from them.
   */
  endSessions(userId: number, keep?: string): Promise<void>;
}
