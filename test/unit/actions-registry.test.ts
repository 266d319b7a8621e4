import { expect } from 'chai';
import express from 'express';
import pino from 'pino';
import { allAffordances } from '../../resources/affordances.ts';
import { Uris } from '../../src/core/uris.ts';
import { routes, type Route } from '../../src/http/routing.ts';
import { apiRoutes, type RouteDeps } from '../../src/routes/api-routes.ts';

/** Every route of the API, built as the app builds them (the services are never called while routes are made). */
function allRoutes(): Route[] {
  const unused = {} as never;
  const deps: RouteDeps = {
    recipes: unused, images: unused, users: unused, tokens: unused, account: unused, readiness: {}, uris: new Uris(), version: 'test',
    logger: pino({ level: 'silent' }),
    explorer: [],
  };
  return apiRoutes(deps);
}

/** What an Express router answers: its (METHOD, path) pairs, as registered (HEAD, OPTIONS and the 405 catch-all left out). */
function registered(router: express.Router): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> } };
  return (router.stack as Layer[]).flatMap((layer) => Object.entries(layer.route?.methods ?? {})
    .filter(([method, on]) => on && !['_all', 'head', 'options'].includes(method))
    .map(([method]) => `${method.toUpperCase()} ${layer.route!.path}`));
}

describe('actions: one complete registry of affordances (issue 16)', () => {
  const declared = allAffordances.map((a) => `${a.method} ${a.path.pattern}`);

  it('names every affordance uniquely, and declares each (method, path) once', () => {
    const ids = allAffordances.map((a) => a.id);
    expect(new Set(ids).size, ids.join(', ')).to.equal(ids.length);
    expect(new Set(declared).size, declared.join(', ')).to.equal(declared.length);
  });

  it('registers exactly the declared (method, path) pairs on the router, nothing more or less', () => {
    const router = express.Router();
    // The explorer's own routes are read from its files by the wiring; here they come from the registry too.
    const list = allRoutes();
    const explorer = allAffordances.filter((a) => a.id === 'explorer' || a.id === 'explorer-asset');
    routes(router, [...list, ...explorer.map((spec) => ({ spec, handler: () => undefined }))]);
    expect(registered(router).sort()).to.deep.equal([...declared].sort());
  });

  it('builds every route from an affordance of the registry (its id, method, path and policy)', () => {
    const byId = new Map(allAffordances.map((a) => [a.id, a]));
    for (const { spec } of allRoutes()) expect(byId.get(spec.id), spec.id).to.equal(spec);
  });

  it('says of each affordance whether it needs a caller, and the routes answer 401 from that alone', async () => {
    const signedIn = allAffordances.filter((a) => a.policy.signedIn).map((a) => a.id).sort();
    expect(signedIn).to.deep.equal([
      'change-email', 'change-password', 'create', 'delete', 'delete-account', 'edit', 'logout', 'me', 'publish', 'remove-avatar', 'remove-cover',
      'revoke-others', 'revoke-session', 'session', 'sessions', 'set-avatar', 'set-cover', 'unpublish',
    ]);
    for (const route of allRoutes().filter((r) => r.spec.policy.signedIn)) {
      const outcome = await Promise.resolve(route.handler({} as express.Request, {} as express.Response, () => undefined))
        .then(() => 'handled', (error: { status?: number }) => error.status);
      expect(outcome, route.spec.id).to.equal(401);
    }
  });
});
