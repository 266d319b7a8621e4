import { AppError } from '../core/app-error.ts';
import type { Caller } from '../core/caller.ts';
import { isUniqueViolation } from '../db/database-errors.ts';
import type { Transactions } from '../db/transactions.ts';
import type { OutboxRepository } from '../mail/outbox.repository.ts';
import type { ChangeEmailBody } from '../../schemas/account-changes.schema.ts';
import { emailConfirmationMail } from './account-mails.ts';
import { emailChangedNotice, emailInUseNotice } from './account-notices.ts';
import { accountPolicies } from './account.policies.ts';
import type { AccountLink, AccountTokenRepository } from './account-token.repository.ts';
import type { AccountRepository } from './account.repository.ts';
import type { MailedLinks } from './mailed-links.ts';
import { accountWithPassword } from './password-check.ts';
import { isExpiredPending } from './pending-accounts.ts';
import { hashSecretToken } from './secret-tokens.ts';

export const EMAIL_CONFIRMATION_TTL_MS = 24 * 3600 * 1000;

export interface EmailChangeDeps {
  tx: Transactions;
  links: MailedLinks;
  tokens: AccountTokenRepository;
  accounts: AccountRepository;
  outbox: OutboxRepository;
  mailQueued(): void;
}

const gone = () => new AppError('email-confirmation-gone', 'This email confirmation link was already used, replaced by a newer one, or has expired.');
const unknown = () => new AppError('not-found', 'There is no such email confirmation link.');
const taken = () => new AppError('email-taken', 'Another account has taken this email address meanwhile; the account keeps its email address.');
/** A duplicate on the unique lower(email) index: another account took the address in the same instant. */
const isDuplicate = (error: unknown) => isUniqueViolation(error) || (error as { code?: unknown } | null)?.code === '23505';

/** Change email (API.md §3): the new address is confirmed by mail before it takes effect, and the old one is told. */
export class EmailChangeService {
  constructor(private readonly deps: EmailChangeDeps) {}

  /**
   * With the current password: mails the new address a confirmation link (24 h, replacing older ones)
   * — or, when another account has that address, a notice to its owner instead, doing the same work
   * (mailed-links.ts): the answer (202) tells nothing about the address.
   */
  async request(caller: Caller | null, username: string, body: ChangeEmailBody): Promise<void> {
    const account = await accountWithPassword(this.deps.accounts, accountPolicies.changeEmail, caller, username, body.current_password);
    const address = body.new_email;
    if (address === account.email) {
      throw new AppError('validation-failed', 'This is the email address of the account already.', {
        errors: [{ pointer: '/new_email', detail: 'new_email is the address of the account already' }],
      });
    }
    const holder = await this.deps.links.ownerOf(address);
    const free = !holder || holder.id === account.id || isExpiredPending(holder);
    await this.deps.links.send({
      kind: 'email-confirmation', account: free ? account : null, newEmail: address, ttlMs: EMAIL_CONFIRMATION_TTL_MS, deliver: true,
      mail: (url) => (free ? emailConfirmationMail(address, account.username, url) : emailInUseNotice(address)),
    });
  }

  /** The pending change behind a token (404 unknown, 410 used, replaced or expired); does not consume it. */
  async pending(token: string): Promise<{ username: string; newEmail: string }> {
    const link = await this.live(token);
    return { username: link.username, newEmail: link.newEmail! };
  }

  /**
   * Consumes the link and changes the address, unless another account (active, or pending within its
   * 7 days) has taken it meanwhile (409: the link stays usable). The older address gets a notice, and
   * the links mailed to it (password resets, other changes) stop working.
   */
  async confirm(token: string): Promise<{ username: string; email: string }> {
    const at = new Date();
    try {
      const link = await this.deps.tx.run(async () => {
        const consumed = await this.deps.tokens.consume('email-confirmation', hashSecretToken(token));
        if (!consumed) throw (await this.deps.tokens.find('email-confirmation', hashSecretToken(token))) ? gone() : unknown();
        const address = consumed.newEmail!;
        const holder = await this.deps.accounts.emailHolder(address, consumed.userId);
        if (holder?.live) throw taken();
        if (holder) await this.deps.accounts.deleteExpiredHolder(holder.id);
        await this.deps.accounts.setEmail(consumed.userId, address);
        await this.deps.tokens.retireUnused(consumed.userId, 'email-confirmation');
        await this.deps.tokens.retireUnused(consumed.userId, 'password-reset');
        this.deps.outbox.enqueue(emailChangedNotice(consumed.email, consumed.username, address, at));
        return { ...consumed, email: address };
      });
      this.deps.mailQueued();
      return { username: link.username, email: link.email };
    } catch (error) {
      throw isDuplicate(error) ? taken() : error;
    }
  }

  private async live(token: string): Promise<AccountLink> {
    const link = await this.deps.tokens.find('email-confirmation', hashSecretToken(token));
    if (!link) throw unknown();
    if (link.gone) throw gone();
    return link;
  }
}
