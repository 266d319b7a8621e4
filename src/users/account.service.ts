import { AppError } from '../core/app-error.ts';
import type { Caller } from '../core/caller.ts';
import type { Transactions } from '../db/transactions.ts';
import type { OutboxRepository } from '../mail/outbox.repository.ts';
import type { ChangePasswordBody } from '../../schemas/account-changes.schema.ts';
import { accountDeletedNotice, passwordChangedNotice } from './account-notices.ts';
import { accountPolicies } from './account.policies.ts';
import type { AccountRecord, AccountRepository, DeletedRows } from './account.repository.ts';
import { accountWithPassword } from './password-check.ts';
import { hashPassword, refuseCommonPassword } from './passwords.ts';
import type { SessionEnding } from './session-ending.ts';

export interface AccountServiceDeps {
  tx: Transactions;
  accounts: AccountRepository;
  outbox: OutboxRepository;
  sessions: SessionEnding;
  /** Called after a transaction that enqueued mail committed. */
  mailQueued(): void;
}

/** What an account deletion erased: whose it was, and what every cache must forget (src/routes/account-purge.ts). */
export interface DeletedAccount extends DeletedRows {
  username: string;
}

const changedMeanwhile = () => new AppError('conflict', 'The account changed at the same time (another change of its password?): try again.');

/** The account's own changes with its password (API.md §3): change password, delete account. */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  /**
   * Sets a new password (the rules of register) once the current one is right; every other session of
   * the account ends at once (the caller's stays), and a notice goes to the address on record.
   */
  async changePassword(caller: Caller | null, username: string, body: ChangePasswordBody): Promise<void> {
    refuseCommonPassword(body.new_password, '/new_password');
    const account = await accountWithPassword(this.deps.accounts, accountPolicies.changePassword, caller, username, body.current_password);
    const passwordHash = await hashPassword(body.new_password); // no transaction is open while hashing
    const at = new Date();
    await this.locked(account, async (current) => {
      await this.deps.accounts.setPassword(current.id, passwordHash, false);
      await this.deps.sessions.endSessions(current.id, caller?.tokenFamily);
      this.deps.outbox.enqueue(passwordChangedNotice(current.email, current.username, at));
    });
    this.deps.mailQueued();
  }

  /**
   * Erases the account, its recipes (drafts too), tokens, sessions, links and mail in one transaction;
   * its sessions end at once on every instance; a notice goes to the address. The images it showed are
   * unreferenced from now on (404), and the maintenance job deletes their files.
   */
  async deleteAccount(caller: Caller | null, username: string, password: string): Promise<DeletedAccount> {
    const account = await accountWithPassword(this.deps.accounts, accountPolicies.deleteAccount, caller, username, password);
    const at = new Date();
    const erased = await this.locked(account, async (current) => {
      await this.deps.sessions.endSessions(current.id);
      const rows = await this.deps.accounts.erase(current.id);
      this.deps.outbox.enqueue(accountDeletedNotice(current.email, current.username, rows.recipes.length, at));
      return { username: current.username, ...rows };
    });
    this.deps.mailQueued();
    return erased;
  }

  /** Runs a change on the account's locked row, unless its password changed since it was checked (409). */
  private locked<T>(checked: AccountRecord, change: (current: AccountRecord) => Promise<T>): Promise<T> {
    return this.deps.tx.run(async () => {
      const current = await this.deps.accounts.activeByUsername(checked.username, true);
      if (!current || current.id !== checked.id || current.passwordHash !== checked.passwordHash) throw changedMeanwhile();
      return change(current);
    });
  }
}
