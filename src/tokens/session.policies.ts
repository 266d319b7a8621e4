import { signedIn } from '../core/policy.ts';
import type { UserState } from '../users/user.policies.ts';

/** A user's sessions as the rules see them: whose they are, and how many the caller's own is not. */
export interface SessionsState extends UserState {
  others: number;
}

const refusal = 'Only the user themself may see and end their sessions.';
const themself = { allows: (caller: { id: number }, user: UserState) => caller.id === user.id, refusal };

/** Who may see and end the logins of an account (API.md §3: sessions): the user themself only. */
export const sessionPolicies = {
  list: signedIn<UserState>(themself),
  view: signedIn<UserState>(themself),
  /** Ending one's own session too is allowed: that is a logout. */
  revoke: signedIn<UserState>(themself),
  /** Offered while some other login is live; allowed (and changes nothing) when none is. */
  revokeOthers: signedIn<SessionsState>({ ...themself, useful: (_caller, sessions) => sessions.others > 0 }),
};
