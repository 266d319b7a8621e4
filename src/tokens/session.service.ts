import { AppError } from '../core/app-error.ts';
import type { Caller } from '../core/caller.ts';
import { authorize, unauthorized, type SignedInPolicy } from '../core/policy.ts';
import type { Transactions } from '../db/transactions.ts';
import type { SessionEnding } from '../users/session-ending.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { UserState } from '../users/user.policies.ts';
import type { RevocationStore } from './revocation-store.ts';
import type { SessionRecord, SessionRepository } from './session.repository.ts';
import { sessionPolicies } from './session.policies.ts';

/** A session shows the User-Agent sent at login (API.md §3: sessions), without control characters, cut to 200 characters. */
export function sessionUserAgent(header: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return Array.from(header.replace(/[\u0000-\u001f\u007f]/g, '')).slice(0, 200).join('');
}

export interface SessionView extends SessionRecord {
  /** The session of the access token this request came with. */
  current: boolean;
}

export interface SessionsOf {
  user: { id: number; username: string };
  sessions: SessionView[];
}

export interface SessionServiceDeps {
  tx: Transactions;
  users: UserRepository;
  sessions: SessionRepository;
  revoked: RevocationStore;
  /** Access tokens live at most this long: a family's revocation is remembered that long. */
  accessTokenTtl: number;
}

const noSuchSession = () => new AppError('not-found', 'There is no such live session.');

/** An If-Match of the request (API.md §8), checked against what a change would end before it ends anything (throws 412). */
export type SessionPrecondition<T> = (user: SessionsOf['user'], current: T) => void;

/**
 * The logins of an account (API.md §3: sessions, one per refresh-token family): listed for the user
 * themself, ended one by one or all but the caller's, at once on every instance (the revocation store).
 */
export class SessionService implements SessionEnding {
  constructor(private readonly deps: SessionServiceDeps) {}

  async list(caller: Caller | null, username: string): Promise<SessionsOf> {
    const user = await this.owner(sessionPolicies.list, caller, username);
    const sessions = await this.deps.sessions.live(user.id);
    return { user, sessions: sessions.map((session) => ({ ...session, current: session.familyId === caller?.tokenFamily })) };
  }

  async view(caller: Caller | null, username: string, id: number): Promise<{ user: SessionsOf['user']; session: SessionView }> {
    const user = await this.owner(sessionPolicies.view, caller, username);
    const session = await this.deps.sessions.liveOne(user.id, id);
    if (!session) throw noSuchSession();
    return { user, session: { ...session, current: session.familyId === caller?.tokenFamily } };
  }

  /** Ends one session of the caller's (their own too: a logout); 404 when it is not live. */
  async revoke(caller: Caller | null, username: string, id: number, precondition?: SessionPrecondition<SessionView>): Promise<SessionsOf['user']> {
    const user = await this.owner(sessionPolicies.revoke, caller, username);
    await this.deps.tx.run(async () => {
      if (precondition) {
        const session = await this.deps.sessions.liveOne(user.id, id);
        if (!session) throw noSuchSession();
        precondition(user, { ...session, current: session.familyId === caller?.tokenFamily });
      }
      const families = await this.deps.sessions.end(user.id, { only: id });
      if (families.length === 0) throw noSuchSession();
      await this.revokeAccess(families);
    });
    return user;
  }

  /** Ends every session of the caller's but the one this request came with. */
  async revokeOthers(caller: Caller | null, username: string, precondition?: SessionPrecondition<SessionView[]>): Promise<SessionsOf['user']> {
    const user = await this.owner(sessionPolicies.revokeOthers, caller, username);
    await this.deps.tx.run(async () => {
      if (precondition) {
        const sessions = await this.deps.sessions.live(user.id);
        precondition(user, sessions.map((session) => ({ ...session, current: session.familyId === caller?.tokenFamily })));
      }
      await this.endSessions(user.id, caller?.tokenFamily);
    });
    return user;
  }

  async endSessions(userId: number, keep?: string): Promise<void> {
    await this.revokeAccess(await this.deps.sessions.end(userId, keep === undefined ? {} : { keep }));
  }

  /** Every access token of these families is refused from now on, on every instance. */
  private async revokeAccess(families: string[]): Promise<void> {
    const until = Math.ceil(Date.now() / 1000) + this.deps.accessTokenTtl;
    await Promise.all(families.map((family) => this.deps.revoked.revokeFamily(family, until)));
  }

  /** The active account of the path, for the user themself (401 anonymous, 404 unknown, 403 anybody else). */
  private async owner(policy: SignedInPolicy<UserState>, caller: Caller | null, username: string): Promise<SessionsOf['user']> {
    if (caller === null) throw unauthorized();
    const user = await this.deps.users.findByUsername(username);
    if (!user || !user.isActive) throw new AppError('not-found', `There is no user "${username}".`);
    authorize(policy, caller, { id: user.id });
    return { id: user.id, username: user.username };
  }
}
