import { affordance } from '../src/core/affordance.ts';
import { path } from '../src/core/paths.ts';
import { sessionPolicies as policy } from '../src/tokens/session.policies.ts';

/** A user's logins (API.md §3: sessions), one per refresh-token family. */
export const sessionPaths = {
  sessions: path('/users/:username/sessions'),
  session: path('/users/:username/sessions/:id'),
};

export const sessionAffordances = {
  list: affordance({ id: 'sessions', name: 'sessions', method: 'GET', path: sessionPaths.sessions, title: 'Where you are logged in', policy: policy.list }),
  revokeOthers: affordance({
    id: 'revoke-others', name: 'revoke-others', method: 'DELETE', path: sessionPaths.sessions, title: 'Log out everywhere else', policy: policy.revokeOthers,
  }),
  view: affordance({ id: 'session', name: 'self', method: 'GET', path: sessionPaths.session, title: 'A login', policy: policy.view }),
  revoke: affordance({
    id: 'revoke-session', name: 'revoke', method: 'DELETE', path: sessionPaths.session, title: 'Log this session out', policy: policy.revoke,
  }),
};
