import type { Caller } from '../core/caller.ts';
import { open, signedIn } from '../core/policy.ts';
import type { UserState } from './user.policies.ts';

const anyone = () => true;
const anonymous = (caller: Caller | null) => caller === null;
const themself = (what: string) => signedIn<UserState>({ allows: (caller, user) => caller.id === user.id, refusal: `Only the user themself may ${what}.` });

/** Who may change an account after registration (API.md §3): each change asks the user themself for their password. */
export const accountPolicies = {
  changePassword: themself('change their password'),
  changeEmail: themself('change their email address'),
  deleteAccount: themself('delete their account'),
};

/** An emailed link (a password reset, an email confirmation): pending, or used just now. */
export interface EmailedLinkState {
  done: boolean;
}

/**
 * Password resets (API.md §3): asked for by anybody, logged in or not (offered to anonymous callers,
 * like register); the link, a secret from the mail, is all a reset needs.
 */
export const passwordResetPolicies = {
  forgot: open({ allows: anyone, useful: anonymous }),
  view: open<EmailedLinkState>({ allows: anyone }),
  /** Single use: offered only while it is pending. */
  reset: open<EmailedLinkState>({ allows: anyone, useful: (_caller, link) => !link.done }),
};

/** Email confirmations (API.md §3): the link proves the new address; whoever holds it may confirm. */
export const emailConfirmationPolicies = {
  view: open<EmailedLinkState>({ allows: anyone }),
  confirm: open<EmailedLinkState>({ allows: anyone, useful: (_caller, link) => !link.done }),
};
