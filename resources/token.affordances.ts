import { affordance } from '../src/core/affordance.ts';
import { path } from '../src/core/paths.ts';
import { tokenPolicies as policy } from '../src/tokens/token.policies.ts';
import { loginSchema, logoutSchema, refreshSchema } from '../schemas/account.schema.ts';

/** The paths of tokens (API.md §3): their templates are on the root. */
export const tokenPaths = {
  tokens: path('/tokens'),
  refresh: path('/tokens/refresh'),
  revoke: path('/tokens/revoke'),
};

export const tokenAffordances = {
  login: affordance({ id: 'login', name: 'login', method: 'POST', path: tokenPaths.tokens, title: 'Log in', body: loginSchema, policy: policy.login }),
  refresh: affordance({
    id: 'refresh', name: 'refresh', method: 'POST', path: tokenPaths.refresh, title: 'Refresh the access token', body: refreshSchema, policy: policy.refresh,
  }),
  logout: affordance({ id: 'logout', name: 'logout', method: 'POST', path: tokenPaths.revoke, title: 'Log out', body: logoutSchema, policy: policy.logout }),
};
