import { signedIn } from '../core/policy.ts';
import type { UserState } from '../users/user.policies.ts';

const refusal = 'Only the user themself may see and end their sessions.';
const themself = { allows: (caller: { id: number }, user: UserState) => caller.id === user.id, refusal };

/** Who may see and end the logins of an account (API.md §3: sessions): the user themself only. */
export const sessionPolicies = {
  list: signedIn<UserState>(themself),
  view: signedIn<UserState>(themself),
  /** Ending one's own session too is allowed: that is a logout. */
  revoke: signedIn<UserState>(themself),
  /**
   * Offered to the user themself always, as the collection "has" it (API.md §3a), also when no other
   * login is live: then it is allowed and changes nothing (204).
   */
  revokeOthers: signedIn<UserState>(themself),
};
