import { affordance } from '../src/core/affordance.ts';
import { path } from '../src/core/paths.ts';
import { activationPolicies, userPolicies } from '../src/users/user.policies.ts';
import { activateSchema, resendActivationSchema } from '../schemas/account.schema.ts';

/** `/activation` and the links in activation emails, `/activation/{token}` (API.md §3). */
export const activationPaths = {
  activations: path('/activation'),
  activation: path('/activation/:token'),
};

export const activationAffordances = {
  resend: affordance({
    id: 'resend-activation', name: 'resend-activation', method: 'POST', path: activationPaths.activations, title: 'Send the activation email again',
    body: resendActivationSchema, policy: userPolicies.resendActivation,
  }),
  view: affordance({
    id: 'activation', name: 'self', method: 'GET', path: activationPaths.activation, title: 'The pending activation', policy: activationPolicies.view,
    ownBrowserAnswer: true,
  }),
  activate: affordance({
    id: 'activate', name: 'activate', method: 'POST', path: activationPaths.activation, title: 'Activate my account', body: activateSchema,
    policy: activationPolicies.activate,
  }),
};
