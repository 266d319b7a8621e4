import { affordance } from '../src/core/affordance.ts';
import { path } from '../src/core/paths.ts';
import { accountPolicies as policy } from '../src/users/account.policies.ts';
import { changeEmailSchema, changePasswordSchema, deleteAccountSchema } from '../schemas/account-changes.schema.ts';

/** The changes of an account by the user themself, each with their password (API.md §3): templates on `/users/{username}`. */
export const accountPaths = {
  password: path('/users/:username/password'),
  email: path('/users/:username/email'),
  deletion: path('/users/:username/deletion'),
};

export const accountAffordances = {
  changePassword: affordance({
    id: 'change-password', name: 'change-password', method: 'POST', path: accountPaths.password, title: 'Change your password',
    body: changePasswordSchema, policy: policy.changePassword,
  }),
  changeEmail: affordance({
    id: 'change-email', name: 'change-email', method: 'POST', path: accountPaths.email, title: 'Change your email address',
    body: changeEmailSchema, policy: policy.changeEmail,
  }),
  /** A POST with the password (API.md §3): a body on DELETE has no defined meaning, and some intermediaries drop it. */
  deleteAccount: affordance({
    id: 'delete-account', name: 'delete-account', method: 'POST', path: accountPaths.deletion, title: 'Delete your account and all your recipes',
    body: deleteAccountSchema, policy: policy.deleteAccount,
  }),
};
