import { action } from '../core/actions.ts';
import type { Caller } from '../core/caller.ts';
import { path } from '../core/paths.ts';
import { activateSchema, registerSchema, resendActivationSchema } from '../../schemas/account.schema.ts';

/** Every path and action of accounts (API.md §3, §4, §7): read by the router, the Resources and the services. */
export const userPaths = {
  users: path('/users'),
  user: path('/users/:username'),
  me: path('/me'),
  avatar: path('/users/:username/avatar'),
  activations: path('/activation'),
  activation: path('/activation/:token'),
};

/** What the rules look at of an account. */
export interface UserState {
  id: number;
}

const isSelf = (caller: Caller | null, user: UserState) => caller !== null && caller.id === user.id;
const anonymous = (caller: Caller | null) => caller === null;
const anyone = () => true;
const SELF_ONLY = 'Only the user themself may change their avatar.';

export const userActions = {
  /** Anyone may register; the template is offered to anonymous callers (a logged-in client has no use for it). */
  register: action({ name: 'register', method: 'POST', path: userPaths.users, title: 'Create an account', body: registerSchema, allows: anyone, useful: anonymous }),
  resendActivation: action({
    name: 'resend-activation', method: 'POST', path: userPaths.activations, title: 'Send the activation email again', body: resendActivationSchema,
    allows: anyone, useful: anonymous,
  }),
  view: action<UserState>({ name: 'self', method: 'GET', path: userPaths.user, title: 'A user', allows: anyone }),
  me: action({ name: 'me', method: 'GET', path: userPaths.me, title: 'The caller\'s own account', allows: (caller) => caller !== null }),
  setAvatar: action<UserState>({ name: 'edit-media', method: 'PUT', path: userPaths.avatar, title: 'Avatar image (PUT an image, DELETE to remove)', allows: isSelf, refusal: SELF_ONLY }),
  removeAvatar: action<UserState>({ name: 'edit-media', method: 'DELETE', path: userPaths.avatar, title: 'Remove the avatar', allows: isSelf, refusal: SELF_ONLY }),
  viewAvatar: action<UserState>({ name: 'edit-media', method: 'GET', path: userPaths.avatar, title: 'The avatar image', allows: anyone }),
};

/** A pending activation, or one just done. */
export interface ActivationState {
  activated: boolean;
}

export const activationActions = {
  view: action<ActivationState>({ name: 'self', method: 'GET', path: userPaths.activation, title: 'The pending activation', allows: anyone }),
  /** POST activates; the link is single use, so the template is offered only while it is pending. */
  activate: action<ActivationState>({
    name: 'activate', method: 'POST', path: userPaths.activation, title: 'Activate my account', body: activateSchema,
    allows: anyone, useful: (_caller, activation) => !activation.activated,
  }),
};
