import { AppError } from '../core/app-error.ts';
import type { Caller } from '../core/caller.ts';
import { authorize, unauthorized, type SignedInPolicy } from '../core/policy.ts';
import type { AccountRecord, AccountRepository } from './account.repository.ts';
import { verifyPassword } from './passwords.ts';
import type { UserState } from './user.policies.ts';

/**
 * The account of `/users/{username}/…` for a change that asks the user themself for their password
 * (API.md §3): 401 anonymous, 404 unknown, 403 anybody else, and 403 `wrong-password` for a wrong
 * one — which the per-account login limit counts (src/rate-limit-policies.ts).
 */
export async function accountWithPassword(
  accounts: AccountRepository, policy: SignedInPolicy<UserState>, caller: Caller | null, username: string, password: string,
): Promise<AccountRecord> {
  if (caller === null) throw unauthorized();
  const account = await accounts.activeByUsername(username);
  if (!account) throw new AppError('not-found', `There is no user "${username}".`);
  authorize(policy, caller, account);
  if (!(await verifyPassword(account.passwordHash, password))) {
    throw new AppError('wrong-password', 'The password is wrong. Repeated wrong passwords lock the account for a while.');
  }
  return account;
}
