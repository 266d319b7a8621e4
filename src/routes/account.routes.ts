import type { Request } from 'express';
import { accountAffordances } from '../../resources/account.affordances.ts';
import { userPaths } from '../../resources/user.affordances.ts';
import { httpSettings } from '../http/context.ts';
import { purgeAlso } from '../http/purge-changes.ts';
import { sendAccepted, sendNoContent } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import { parseBody } from '../http/validation.ts';
import type { AccountService } from '../users/account.service.ts';
import type { EmailChangeService } from '../users/email-change.service.ts';
import { deletedAccountUris } from './account-purge.ts';

/** The user's own resource and `me`, which a change of the account alters (Link: rel="invalidates"). */
function userUris(req: Request, username: string): string[] {
  const { uris } = httpSettings(req);
  return [uris.of(userPaths.user, { username }), uris.of(userPaths.me, {})];
}

/** The account's changes by the user themself, with their password (API.md §3): change-password, change-email, delete-account. */
export function accountRoutes(accounts: AccountService, emails: EmailChangeService): Route[] {
  const { changePassword, changeEmail, deleteAccount } = accountAffordances;
  const username = (req: Request) => String(req.params.username);
  return [
    on(changePassword, async (req, res, caller) => {
      await accounts.changePassword(caller, username(req), parseBody(req, changePassword.body));
      sendNoContent(res, userUris(req, caller.username));
    }),
    on(changeEmail, async (req, res, caller) => {
      await emails.request(caller, username(req), parseBody(req, changeEmail.body));
      sendAccepted(req, res, 'Check the new address: the change takes effect once you follow the link we sent there (it works for 24 hours). '
      + 'Until then the account keeps its email address.');
    }),
    on(deleteAccount, async (req, res, caller) => {
      const deleted = await accounts.deleteAccount(caller, username(req), parseBody(req, deleteAccount.body).password);
      const forgotten = deletedAccountUris(httpSettings(req).uris, deleted);
      purgeAlso({ purge: forgotten.purge });
      sendNoContent(res, forgotten.ban);
    }),
  ];
}
