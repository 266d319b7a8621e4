import { affordance } from '../src/core/affordance.ts';
import { fixedPaths } from '../src/core/paths.ts';
import { open } from '../src/core/policy.ts';

const anyone = open({ allows: () => true });
const read = (id: string, at: (typeof fixedPaths)[keyof typeof fixedPaths], title: string) =>
  affordance({ id, name: 'self', method: 'GET', path: at, title, policy: anyone });

/**
 * What every client may read at the fixed paths of API.md (the entry point, the explorer, schemas,
 * problem types, health, /.well-known/change-password): GETs for anybody.
 */
export const documentAffordances = {
  root: read('root', fixedPaths.root, 'Smilecook'),
  explorer: read('explorer', fixedPaths.explorer, 'HAL browser'),
  explorerAsset: read('explorer-asset', fixedPaths.explorerAsset, 'A file of the HAL browser'),
  schemas: read('schemas', fixedPaths.schemas, 'JSON Schemas'),
  schema: read('schema', fixedPaths.schema, 'A JSON Schema'),
  problem: read('problem', fixedPaths.problem, 'A problem type'),
  health: read('health', fixedPaths.health, 'Liveness'),
  ready: read('ready', fixedPaths.ready, 'Readiness'),
  changePassword: read('well-known-change-password', fixedPaths.changePassword, 'Where to change your password (302 to me)'),
};
