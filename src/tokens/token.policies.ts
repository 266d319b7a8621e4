import { open, signedIn } from '../core/policy.ts';

/** Who may log in, refresh and log out (API.md §3). */
export const tokenPolicies = {
  /** Anyone may log in; it is offered to anonymous callers. */
  login: open({ allows: () => true, useful: (caller) => caller === null }),
  refresh: open({ allows: () => true }),
  /** Ends the caller's own session: an access token is needed. */
  logout: signedIn(),
};
