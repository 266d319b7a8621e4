import { randomUUID } from 'node:crypto';
import type { Caller } from '../core/caller.ts';
import { authorize } from '../core/policy.ts';
import { isConcurrentUpdate } from '../db/database-errors.ts';
import type { Transactions } from '../db/transactions.ts';
import { AppError } from '../core/app-error.ts';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '../users/passwords.ts';
import { hashSecretToken, newSecretToken } from '../users/secret-tokens.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { AccessTokens } from './access-tokens.ts';
import type { RefreshTokenRepository } from './refresh-token.repository.ts';
import type { RevocationStore } from './revocation-store.ts';
import { sessionUserAgent } from './session.service.ts';
import { tokenPolicies } from './token.policies.ts';

const REFRESH_TTL_MS = 30 * 24 * 3600 * 1000;

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
  username: string;
}

export interface TokenServiceDeps {
  tx: Transactions;
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  accessTokens: AccessTokens;
  revoked: RevocationStore;
}

const invalidCredentials = () => new AppError('invalid-credentials', 'The username/email or password is wrong.');
const invalidRefresh = () => new AppError('invalid-refresh-token', 'The refresh token is invalid, expired or revoked.');

/** Login, refresh rotation with reuse detection, logout, and access token verification (API.md §3). */
export class TokenService {
  constructor(private readonly deps: TokenServiceDeps) {
    // Make the dummy hash now, so that the first unknown-user login costs no more than any other.
    void verifyAgainstDummy('warm-up').catch(() => undefined);
  }

  /**
   * Wrong username and wrong password fail alike and cost one argon2 verification each; an
   * inactive account with the right password is a 403. No transaction is open while hashing.
   */
  async login(login: string, password: string, userAgent = ''): Promise<IssuedTokens> {
    const { deps } = this;
    // No account can hold a NUL (and PostgreSQL refuses one in a query): treat it as unknown.
    const user = login.includes('\0') ? null : await deps.users.findForLogin(login);
    if (!user) {
      await verifyAgainstDummy(password);
      throw invalidCredentials();
    }
    if (!(await verifyPassword(user.passwordHash, password))) throw invalidCredentials();
    if (!user.isActive) {
      throw new AppError('account-inactive', 'Confirm your email address first: follow the link in the activation email.');
    }
    if (needsRehash(user.passwordHash)) await this.upgradeHash(user, password);
    // One statement (the session and its first refresh token): no transaction needed.
    return this.issue(user, randomUUID(), { userAgent: sessionUserAgent(userAgent) });
  }

  /** Rotates: the presented token dies and a new pair is issued. Reuse of a dead token revokes its family. */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const { deps } = this;
    const hash = hashSecretToken(refreshToken);
    // Decided inside the transaction, thrown after it commits (so a family revocation sticks).
    const outcome = await deps.tx.run(async () => {
      if (await deps.refreshTokens.markUsed(hash)) {
        const record = (await deps.refreshTokens.findByHash(hash))!;
        return record.user.isActive ? this.issue(record.user, record.familyId) : null;
      }
      const record = await deps.refreshTokens.findByHash(hash);
      if (record?.usedAt) {
        await deps.refreshTokens.revokeFamily(record.familyId); // reuse of a rotated token: a thief or the victim
        return { reused: record.familyId };
      }
      return null;
    });
    if (outcome === null) throw invalidRefresh();
    if ('reused' in outcome) {
      await this.revokeFamilyAccess(outcome.reused);
      throw invalidRefresh();
    }
    return outcome;
  }

  /**
   * Revokes the refresh token's family (if it is the caller's) and the caller's own family: every
   * access token issued from either is refused from now on, on every instance (API.md §3).
   */
  async logout(refreshToken: string, caller: Caller | null): Promise<void> {
    authorize(tokenPolicies.logout, caller, undefined);
    const { deps } = this;
    const family = await deps.tx.run(async () => {
      const record = await deps.refreshTokens.findByHash(hashSecretToken(refreshToken));
      if (!record || record.user.id !== caller.id) return undefined;
      await deps.refreshTokens.revokeFamily(record.familyId);
      return record.familyId;
    });
    const families = new Set([family, caller.tokenFamily].filter((id): id is string => id !== undefined));
    for (const id of families) await this.revokeFamilyAccess(id);
    if (caller.tokenId && caller.tokenExpires) await deps.revoked.revoke(caller.tokenId, caller.tokenExpires);
  }

  /** The caller behind an access token, or null (invalid, expired, revoked itself or by its family). */
  async verifyAccessToken(token: string): Promise<Caller | null> {
    const claims = await this.deps.accessTokens.verify(token);
    if (!claims || (await this.deps.revoked.isRevoked(claims.jti, claims.familyId))) return null;
    return { id: claims.userId, username: claims.username, tokenId: claims.jti, tokenFamily: claims.familyId, tokenExpires: claims.exp };
  }

  /** Access tokens live at most ttlSeconds: the family's revocation is remembered that long from now. */
  private revokeFamilyAccess(familyId: string): Promise<void> {
    return this.deps.revoked.revokeFamily(familyId, Math.ceil(Date.now() / 1000) + this.deps.accessTokens.ttlSeconds);
  }

  /**
   * Re-hashes a password stored with weaker argon2 parameters. A concurrent change of the
   * account (optimistic lock) wins: the upgrade then simply happens at a later login.
   */
  private async upgradeHash(user: { id: number }, password: string): Promise<void> {
    const upgraded = await hashPassword(password);
    try {
      await this.deps.tx.run(async () => {
        const current = await this.deps.users.findById(user.id);
        if (current && needsRehash(current.passwordHash)) current.passwordHash = upgraded;
      });
    } catch (error) {
      if (!isConcurrentUpdate(error)) throw error;
    }
  }

  private async issue(user: { id: number; username: string }, familyId: string, login?: { userAgent: string }): Promise<IssuedTokens> {
    const { token: refresh, hash } = newSecretToken();
    const [{ token }] = await Promise.all([
      this.deps.accessTokens.issue(user.id, user.username, familyId),
      this.deps.refreshTokens.insert(user.id, familyId, hash, new Date(Date.now() + REFRESH_TTL_MS), login),
    ]);
    return {
      access_token: token, refresh_token: refresh, token_type: 'Bearer',
      expires_in: this.deps.accessTokens.ttlSeconds, username: user.username,
    };
  }
}
