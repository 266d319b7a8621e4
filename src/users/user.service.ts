import { AppError } from '../core/app-error.ts';
import type { Caller } from '../core/caller.ts';
import { authorize, unauthorized } from '../core/policy.ts';
import { isUniqueViolation } from '../db/database-errors.ts';
import type { Transactions } from '../db/transactions.ts';
import type { OutboxRepository } from '../mail/outbox.repository.ts';
import type { RegisterBody } from '../../schemas/account.schema.ts';
import { activationMail, alreadyRegisteredMail } from './account-mails.ts';
import type { ActivationTokenRepository } from './activation-token.repository.ts';
import { hashPassword, refuseCommonPassword } from './passwords.ts';
import type { MailedLinks } from './mailed-links.ts';
import { isExpiredPending } from './pending-accounts.ts';
import { userPolicies } from './user.policies.ts';
import { hashSecretToken, newSecretToken } from './secret-tokens.ts';
import type { User } from './user.entity.ts';
import type { UserRepository } from './user.repository.ts';

export const ACTIVATION_TTL_MS = 24 * 3600 * 1000;
/** A registration that loses a race on a unique index is decided again (the winner has committed by then). */
const REGISTER_ATTEMPTS = 3;

export interface UserServiceDeps {
  tx: Transactions;
  users: UserRepository;
  activationTokens: ActivationTokenRepository;
  outbox: OutboxRepository;
  /** The absolute activation URL for a token (PUBLIC_BASE_URL/activation/{token}). */
  activationUrl: (token: string) => string;
  /** Called after a transaction that enqueued mail committed. */
  mailQueued: () => void;
  /** Links mailed without telling whether the address has an account (resend-activation). */
  links: MailedLinks;
}

const activationGone = () => new AppError('activation-gone', 'This activation link was already used, replaced by a newer one, or has expired.');
const noSuchActivation = () => new AppError('not-found', 'There is no such activation link.');

/** Accounts: registration, email activation, lookup (API.md §3, §4). */
export class UserService {
  constructor(private readonly deps: UserServiceDeps) {}

  /**
   * Registers an inactive account and queues its activation email, in one transaction. An email
   * that already has an account gets a notice instead, and the caller sees the same outcome.
   * Concurrent registrations of one email or username end in one account: the loser of the race
   * on the unique lower() indexes is decided again against what the winner committed.
   */
  async register(body: RegisterBody): Promise<void> {
    refuseCommonPassword(body.password, '/password');
    const passwordHash = await hashPassword(body.password); // always, so every outcome takes as long
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deps.tx.run(() => this.registerOnce(body, passwordHash));
        break;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= REGISTER_ATTEMPTS) throw error;
      }
    }
    this.deps.mailQueued();
  }

  /**
   * The username is decided first, so a taken one is a 409 whatever the email (registered or not):
   * the answer never tells whether an address has an account. Accounts never activated within
   * PENDING_ACCOUNT_TTL_MS no longer hold their username or email.
   */
  private async registerOnce(body: RegisterBody, passwordHash: string): Promise<void> {
    const { deps } = this;
    if (await this.live(await deps.users.findByUsername(body.username))) {
      throw new AppError('username-taken', `The username "${body.username}" is already taken.`, {
        errors: [{ pointer: '/username', detail: 'username is taken already (usernames are compared case-insensitively)' }],
      });
    }
    if (await this.live(await deps.users.findByEmail(body.email))) {
      deps.outbox.enqueue(alreadyRegisteredMail(body.email));
      return;
    }
    this.queueActivation(deps.users.create({ username: body.username, email: body.email, passwordHash }));
  }

  /** The account, unless it expired unactivated (then it is deleted, in the caller's transaction). */
  private async live(user: User | null): Promise<User | null> {
    if (!user || !isExpiredPending(user)) return user;
    await this.deps.users.delete(user);
    return null;
  }

  /**
   * A new activation link for an inactive account; the older links stop working (410). For an unknown
   * address or an active account the same work is done for nobody (mailed-links.ts): the caller can
   * tell the difference neither by the answer nor by its time.
   */
  async resendActivation(email: string): Promise<void> {
    const owner = await this.deps.links.ownerOf(email);
    const pending = owner && !owner.isActive && !isExpiredPending(owner) ? owner : null;
    await this.deps.links.send({
      kind: 'activation', account: pending, ttlMs: ACTIVATION_TTL_MS, deliver: pending !== null,
      mail: (url, nobody) => activationMail((pending ?? nobody).email, (pending ?? nobody).username, url),
    });
  }

  /** The pending activation behind a token: 404 unknown, 410 used, replaced or expired. Does not consume it. */
  async pendingActivation(token: string): Promise<{ username: string }> {
    const record = await this.deps.activationTokens.findByHash(hashSecretToken(token));
    if (!record) throw noSuchActivation();
    if (record.usedAt || record.expiresAt.getTime() <= Date.now() || record.user.isActive) throw activationGone();
    return { username: record.user.username };
  }

  /** Consumes the token (atomically: a token activates once) and activates the account. */
  async activate(token: string): Promise<{ username: string }> {
    return this.deps.tx.run(async () => {
      const hash = hashSecretToken(token);
      const record = await this.deps.activationTokens.findByHash(hash);
      if (!record) throw noSuchActivation();
      if (!(await this.deps.activationTokens.consume(hash))) throw activationGone();
      record.user.isActive = true;
      return { username: record.user.username };
    });
  }

  /**
   * An activated account by username, compared case-insensitively (the caller compares the
   * returned username with what it asked for to find the canonical URI). Accounts that were
   * never activated are not users yet: 404, like unknown ones.
   */
  async byUsername(username: string): Promise<User> {
    const user = await this.deps.users.findByUsername(username);
    if (!user || !user.isActive) throw new AppError('not-found', `There is no user "${username}".`);
    return user;
  }

  /** The caller's own account (`me`). */
  async own(caller: Caller | null): Promise<User> {
    authorize(userPolicies.me, caller, undefined);
    const user = await this.deps.users.findById(caller.id);
    if (!user) throw new AppError('not-found', 'The account no longer exists.');
    return user;
  }

  /**
   * Sets the user's avatar file (null removes it), by the rule of user.policies.ts, in one transaction
   * on the locked row, after `precondition` (If-Match). Resolves to the user and the file it replaced.
   */
  setAvatar(
    caller: Caller | null, username: string, avatar: string | null, precondition: (user: User) => void,
  ): Promise<{ user: User; previous: string | null }> {
    const policy = avatar ? userPolicies.setAvatar : userPolicies.removeAvatar;
    if (caller === null) return Promise.reject(unauthorized());
    return this.deps.tx.run(async () => {
      const user = await this.deps.users.findByUsernameForUpdate(username);
      if (!user || !user.isActive) throw new AppError('not-found', `There is no user "${username}".`);
      authorize(policy, caller, user);
      precondition(user);
      const previous = user.avatar ?? null;
      user.avatar = avatar;
      return { user, previous };
    });
  }

  private queueActivation(user: User): void {
    const { token, hash } = newSecretToken();
    this.deps.activationTokens.create(user, hash, new Date(Date.now() + ACTIVATION_TTL_MS));
    this.deps.outbox.enqueue(activationMail(user.email, user.username, this.deps.activationUrl(token)));
  }
}
