import { affordance } from '../src/core/affordance.ts';
import { fixedPaths, path } from '../src/core/paths.ts';
import { open } from '../src/core/policy.ts';

const anyone = open({ allows: () => true });
const read = (id: string, at: (typeof fixedPaths)[keyof typeof fixedPaths], title: string, ownBrowserAnswer = false) =>
  affordance({ id, name: 'self', method: 'GET', path: at, title, policy: anyone, ownBrowserAnswer });

/**
 * What every client may read at the fixed paths of API.md (the entry point, the explorer, schemas,
 * problem types, health, /.well-known/change-password): GETs for anybody.
 */
export const documentAffordances = {
  root: read('root', fixedPaths.root, 'Smilecook'),
  explorer: read('explorer', fixedPaths.explorer, 'HAL browser'),
  explorerAsset: read('explorer-asset', fixedPaths.explorerAsset, 'A file of the HAL browser', true),
  schemas: read('schemas', fixedPaths.schemas, 'JSON Schemas', true),
  schema: read('schema', fixedPaths.schema, 'A JSON Schema', true),
  problem: read('problem', fixedPaths.problem, 'A problem type', true),
  health: read('health', fixedPaths.health, 'Liveness', true),
  ready: read('ready', fixedPaths.ready, 'Readiness', true),
  changePassword: read('well-known-change-password', fixedPaths.changePassword, 'Where to change your password (302 to me)', true),
};

/**
 * Paths under which no resource of the API lives but which a browser's navigation must not turn
 * into the explorer page (API.md §9): RFC 8615 well-known URIs (`/.well-known/…`, whatever is
 * below) and `/metrics`, a 404 problem on the public port whatever the Accept.
 */
export const notForBrowserNavigation = [path('/.well-known'), path('/metrics')];
