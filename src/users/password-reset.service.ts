import { AppError } from '../core/app-error.ts';
import type { Transactions } from '../db/transactions.ts';
import type { OutboxRepository } from '../mail/outbox.repository.ts';
import { passwordResetMail } from './account-mails.ts';
import { passwordResetNotice } from './account-notices.ts';
import type { AccountLink, AccountTokenRepository } from './account-token.repository.ts';
import type { AccountRepository } from './account.repository.ts';
import type { MailedLinks } from './mailed-links.ts';
import { hashPassword, refuseCommonPassword } from './passwords.ts';
import { isExpiredPending } from './pending-accounts.ts';
import { hashSecretToken } from './secret-tokens.ts';
import type { SessionEnding } from './session-ending.ts';

export const PASSWORD_RESET_TTL_MS = 3600 * 1000;

export interface PasswordResetDeps {
  tx: Transactions;
  links: MailedLinks;
  tokens: AccountTokenRepository;
  accounts: AccountRepository;
  outbox: OutboxRepository;
  sessions: SessionEnding;
  /** Counts one reset mail for the address (every address alike); false once its hourly quota is used up. */
  resetMailAllowed(email: string): Promise<boolean>;
  mailQueued(): void;
}

const gone = () => new AppError('password-reset-gone', 'This password reset link was already used, replaced by a newer one, or has expired.');
const unknown = () => new AppError('not-found', 'There is no such password reset link.');

/** Forgot password → reset (API.md §3): a link by email, then a new password; nobody is logged in by it. */
export class PasswordResetService {
  constructor(private readonly deps: PasswordResetDeps) {}

  /**
   * Mails a reset link (1 hour; replacing the older unused ones) when an account, active or pending,
   * has the address and its hourly quota of mails is not used up. Every path does the same work
   * (mailed-links.ts), so neither the answer nor its time tells whether it did.
   */
  async forgot(email: string): Promise<void> {
    const { links } = this.deps;
    const allowed = await this.deps.resetMailAllowed(email);
    const owner = await links.ownerOf(email);
    const account = allowed && owner && !isExpiredPending(owner) ? owner : null;
    await links.send({
      kind: 'password-reset', account, ttlMs: PASSWORD_RESET_TTL_MS, deliver: account !== null,
      mail: (url, nobody) => passwordResetMail((account ?? nobody).email, (account ?? nobody).username, url),
    });
  }

  /** The pending reset behind a token (404 unknown, 410 used, replaced or expired); does not consume it. */
  async pending(token: string): Promise<{ username: string }> {
    const link = await this.live(token);
    return { username: link.username };
  }

  /**
   * Sets the new password (the rules of register), activates a pending account (the mail proved the
   * address), consumes the link, ends every session of the account at once on every instance, and
   * mails a notice — all in one transaction. It logs nobody in.
   */
  async reset(token: string, password: string): Promise<{ username: string }> {
    refuseCommonPassword(password, '/password');
    await this.live(token); // a dead link costs no password hash
    const passwordHash = await hashPassword(password);
    const at = new Date();
    const link = await this.deps.tx.run(async () => {
      const consumed = await this.deps.tokens.consume('password-reset', hashSecretToken(token));
      if (!consumed) throw gone(); // used meanwhile
      await this.deps.accounts.setPassword(consumed.userId, passwordHash, true);
      await this.deps.sessions.endSessions(consumed.userId);
      this.deps.outbox.enqueue(passwordResetNotice(consumed.email, consumed.username, at));
      return consumed;
    });
    this.deps.mailQueued();
    return { username: link.username };
  }

  private async live(token: string): Promise<AccountLink> {
    const link = await this.deps.tokens.find('password-reset', hashSecretToken(token));
    if (!link) throw unknown();
    if (link.gone) throw gone();
    return link;
  }
}
