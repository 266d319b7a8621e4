import type { Request } from 'express';
import { sessionAffordances, sessionPaths } from '../../resources/session.affordances.ts';
import { SessionCollectionResource, SessionResource, type SessionOwner } from '../../resources/session.resource.ts';
import type { Representable } from '../core/representation.ts';
import { AppError } from '../core/app-error.ts';
import { httpSettings, renderContext } from '../http/context.ts';
import { ifMatch } from '../http/etag.ts';
import { currentEtags, sendNoContent, sendResource } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';
import type { SessionPrecondition, SessionService, SessionView } from '../tokens/session.service.ts';

const MAX_ID = 2_147_483_647;

/** The session id of the path; anything but a canonical positive int4 is a 404. */
function sessionId(req: Request): number {
  const raw = String(req.params.id);
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(id <= MAX_ID)) throw new AppError('not-found', 'There is no such live session.');
  return id;
}

/**
 * If-Match on a session or on the sessions (API.md §8): the current ETag of either JSON representation,
 * as this caller sees it; none sent: nothing is checked.
 */
function ifMatchOf<T>(req: Request, resource: (user: SessionOwner, current: T) => Representable): SessionPrecondition<T> | undefined {
  const header = req.get('If-Match');
  if (header === undefined) return undefined;
  return (user, current) => {
    if (!ifMatch(header, currentEtags(resource(user, current)))) {
      throw new AppError('precondition-failed', 'The sessions changed since you read them (If-Match does not name their current ETag).');
    }
  };
}

/** `/users/{username}/sessions` and its items (API.md §3: sessions): listed, ended one by one or all but the caller's. */
export function sessionRoutes(sessions: SessionService): Route[] {
  const { list, revokeOthers, view, revoke } = sessionAffordances;
  const username = (req: Request) => String(req.params.username);
  /** The collection a change alters (Link: rel="invalidates"). */
  const collection = (req: Request, owner: { username: string }) => [httpSettings(req).uris.of(sessionPaths.sessions, { username: owner.username })];
  return [
    on(list, async (req, res, caller) => {
      const found = await sessions.list(caller, username(req));
      sendResource(req, res, new SessionCollectionResource(renderContext(req), found.user, found.sessions));
    }),
    on(view, async (req, res, caller) => {
      const found = await sessions.view(caller, username(req), sessionId(req));
      sendResource(req, res, new SessionResource(renderContext(req), found.user, found.session));
    }),
    on(revoke, async (req, res, caller) => {
      const precondition = ifMatchOf<SessionView>(req, (user, session) => new SessionResource(renderContext(req), user, session));
      sendNoContent(res, collection(req, await sessions.revoke(caller, username(req), sessionId(req), precondition)));
    }),
    on(revokeOthers, async (req, res, caller) => {
      const precondition = ifMatchOf<SessionView[]>(req, (user, live) => new SessionCollectionResource(renderContext(req), user, live));
      sendNoContent(res, collection(req, await sessions.revokeOthers(caller, username(req), precondition)));
    }),
  ];
}
