import { affordance } from '../src/core/affordance.ts';
import { path } from '../src/core/paths.ts';
import { userPolicies as policy } from '../src/users/user.policies.ts';
import { registerSchema } from '../schemas/account.schema.ts';

/** The paths of accounts, users and their avatars (API.md §3, §4, §7). */
export const userPaths = {
  users: path('/users'),
  user: path('/users/:username'),
  me: path('/me'),
  avatar: path('/users/:username/avatar'),
};

const { avatar } = userPaths;

/** Registering, `/users/{username}`, `me` and the avatar (edit-media): everything a client may do with users. */
export const userAffordances = {
  register: affordance({
    id: 'register', name: 'register', method: 'POST', path: userPaths.users, title: 'Create an account', body: registerSchema, policy: policy.register,
  }),
  view: affordance({ id: 'user', name: 'self', method: 'GET', path: userPaths.user, title: 'A user', policy: policy.view }),
  me: affordance({ id: 'me', name: 'me', method: 'GET', path: userPaths.me, title: 'The caller\'s own account', policy: policy.me }),
  viewAvatar: affordance({ id: 'avatar', name: 'edit-media', method: 'GET', path: avatar, title: 'The avatar image', policy: policy.viewAvatar }),
  setAvatar: affordance({
    id: 'set-avatar', name: 'edit-media', method: 'PUT', path: avatar, title: 'Avatar image (PUT an image, DELETE to remove)', policy: policy.setAvatar,
  }),
  removeAvatar: affordance({
    id: 'remove-avatar', name: 'edit-media', method: 'DELETE', path: avatar, title: 'Remove the avatar', policy: policy.removeAvatar,
  }),
};
