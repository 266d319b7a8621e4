import { documentAffordances } from '../../resources/document.affordances.ts';
import { userPaths } from '../../resources/user.affordances.ts';
import { httpSettings } from '../http/context.ts';
import { revalidatedEachUse } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';

/**
 * `/.well-known/change-password` (RFC 8615, the W3C well-known URL for changing passwords; API.md §3):
 * 302 to the `me` link's URL, where the person's own page offers change-password. Needs no login:
 * a browser that follows it opens the explorer there (API.md §9), which logs in first if need be.
 */
export function wellKnownRoutes(): Route[] {
  return [
    on(documentAffordances.changePassword, (req, res) => {
      res.setHeader('Cache-Control', revalidatedEachUse(req));
      res.redirect(302, httpSettings(req).uris.of(userPaths.me, {}));
    }),
  ];
}
