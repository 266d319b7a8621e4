import { affordance } from '../src/core/affordance.ts';
import { path } from '../src/core/paths.ts';
import { emailConfirmationPolicies as policy } from '../src/users/account.policies.ts';
import { confirmEmailSchema } from '../schemas/account-changes.schema.ts';

/** The links in email-change confirmations, `/email-confirmation/{token}` (API.md §3). */
export const emailConfirmationPaths = {
  confirmation: path('/email-confirmation/:token'),
};

export const emailConfirmationAffordances = {
  view: affordance({
    id: 'email-confirmation', name: 'self', method: 'GET', path: emailConfirmationPaths.confirmation, title: 'A change of email address', policy: policy.view,
    ownBrowserAnswer: true,
  }),
  confirm: affordance({
    id: 'confirm-email', name: 'confirm-email', method: 'POST', path: emailConfirmationPaths.confirmation, title: 'Confirm the new email address',
    body: confirmEmailSchema, policy: policy.confirm,
  }),
};
