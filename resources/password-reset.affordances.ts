import { affordance } from '../src/core/affordance.ts';
import { path } from '../src/core/paths.ts';
import { passwordResetPolicies as policy } from '../src/users/account.policies.ts';
import { forgotPasswordSchema, resetPasswordSchema } from '../schemas/account-changes.schema.ts';

/** `/password-resets` (forgot-password, on the root) and the links in reset emails, `/password-reset/{token}` (API.md §3). */
export const passwordResetPaths = {
  resets: path('/password-resets'),
  reset: path('/password-reset/:token'),
};

export const passwordResetAffordances = {
  forgot: affordance({
    id: 'forgot-password', name: 'forgot-password', method: 'POST', path: passwordResetPaths.resets, title: 'Forgot your password? Get a reset link by email',
    body: forgotPasswordSchema, policy: policy.forgot,
  }),
  view: affordance({
    id: 'password-reset', name: 'self', method: 'GET', path: passwordResetPaths.reset, title: 'A password reset', policy: policy.view, ownBrowserAnswer: true,
  }),
  reset: affordance({
    id: 'reset-password', name: 'reset-password', method: 'POST', path: passwordResetPaths.reset, title: 'Set a new password',
    body: resetPasswordSchema, policy: policy.reset,
  }),
};
