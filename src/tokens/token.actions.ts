import { action } from '../core/actions.ts';
import { path } from '../core/paths.ts';
import { loginSchema, logoutSchema, refreshSchema } from '../../schemas/account.schema.ts';

/** The paths and actions of tokens (API.md §3): offered on the root, registered and enforced from here. */
export const tokenPaths = {
  tokens: path('/tokens'),
  refresh: path('/tokens/refresh'),
  revoke: path('/tokens/revoke'),
};

export const tokenActions = {
  /** Anyone may log in; the template is offered to anonymous callers. */
  login: action({
    name: 'login', method: 'POST', path: tokenPaths.tokens, title: 'Log in', body: loginSchema,
    allows: () => true, useful: (caller) => caller === null,
  }),
  refresh: action({ name: 'refresh', method: 'POST', path: tokenPaths.refresh, title: 'Refresh the access token', body: refreshSchema, allows: () => true }),
  logout: action({ name: 'logout', method: 'POST', path: tokenPaths.revoke, title: 'Log out', body: logoutSchema, allows: (caller) => caller !== null }),
};
