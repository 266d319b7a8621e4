import type { Caller } from '../core/caller.ts';
import { open, signedIn } from '../core/policy.ts';

/** What the rules look at of an account. */
export interface UserState {
  id: number;
}

const anyone = () => true;
const anonymous = (caller: Caller | null) => caller === null;
const themself = signedIn<UserState>({ allows: (caller, user) => caller.id === user.id, refusal: 'Only the user themself may change their avatar.' });

/** Who may do what with accounts, users and their avatars (API.md §3, §4, §7). */
export const userPolicies = {
  /** Anyone may register; it is offered to anonymous callers (a logged-in client has no use for it). */
  register: open({ allows: anyone, useful: anonymous }),
  resendActivation: open({ allows: anyone, useful: anonymous }),
  view: open<UserState>({ allows: anyone }),
  me: signedIn(),
  setAvatar: themself,
  removeAvatar: themself,
  viewAvatar: open<UserState>({ allows: anyone }),
};

/** A pending activation, or one just done. */
export interface ActivationState {
  activated: boolean;
}

export const activationPolicies = {
  view: open<ActivationState>({ allows: anyone }),
  /** The link is single use: activating is offered only while it is pending. */
  activate: open<ActivationState>({ allows: anyone, useful: (_caller, activation) => !activation.activated }),
};
