import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { cycles, importGraph, type ModuleImports } from '../support/import-graph.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const graph = importGraph(ROOT, ['src', 'resources', 'schemas']);

const DOMAINS = ['users', 'recipes', 'tokens', 'images', 'mail', 'maintenance'];
const inDir = (file: string, dir: string) => file.startsWith(`${dir}/`);
const domainOf = (file: string) => DOMAINS.find((domain) => inDir(file, `src/${domain}`));
const isRoutes = (file: string) => file.endsWith('.routes.ts');
/** Files of a domain folder that are not its HTTP adapter (`*.routes.ts`). */
const isDomainCode = (file: string) => domainOf(file) !== undefined && !isRoutes(file);

/** The imports of `module` that break a rule, as "file → import" lines (empty when it keeps the rule). */
function offending(modules: ModuleImports[], bad: (module: ModuleImports, target: string) => boolean): string[] {
  return modules.flatMap((module) => [...module.local, ...module.packages].filter((target) => bad(module, target)).map((target) => `${module.file} → ${target}`));
}

/**
 * The layering of the README's "Rules of the house", checked on the imports themselves (as
 * spring-restbucks' ModularityTests do): a violation fails here, not in review.
 */
describe('architecture: imports point down', () => {
  it('reads every module of src/, resources/ and schemas/', () => {
    expect(graph.length).to.be.greaterThan(80);
    expect(graph.map((module) => module.file)).to.include.members(['src/http/routing.ts', 'resources/recipe.resource.ts', 'src/recipes/recipe.actions.ts']);
  });

  it('keeps src/http generic: no domain folder, no resources, no database', () => {
    const http = graph.filter((module) => inDir(module.file, 'src/http'));
    expect(http.length).to.be.greaterThan(15);
    expect(offending(http, (_module, target) => target.startsWith('resources/') || domainOf(target) !== undefined
      || inDir(target, 'src/db') || target.startsWith('@mikro-orm'))).to.deep.equal([]);
  });

  it('keeps src/core a leaf: it imports only itself', () => {
    const core = graph.filter((module) => inDir(module.file, 'src/core'));
    expect(offending(core, (_module, target) => target.includes('/') && !inDir(target, 'src/core') && !target.startsWith('node:'))).to.deep.equal([]);
  });

  it('keeps domain code free of express, resources and src/http (only *.routes.ts are HTTP adapters)', () => {
    const domain = graph.filter((module) => isDomainCode(module.file));
    expect(domain.length).to.be.greaterThan(30);
    expect(offending(domain, (_module, target) => target === 'express' || target === 'multer'
      || target.startsWith('resources/') || inDir(target, 'src/http') || isRoutes(target))).to.deep.equal([]);
  });

  it('lets resources/ import only schemas, src/core, action declarations and other resources', () => {
    const resources = graph.filter((module) => inDir(module.file, 'resources'));
    expect(offending(resources, (_module, target) => target.includes('/') && !target.startsWith('resources/') && !target.startsWith('schemas/')
      && !inDir(target, 'src/core') && !target.endsWith('.actions.ts'))).to.deep.equal([]);
  });

  it('keeps schemas/ free of the application', () => {
    const schemas = graph.filter((module) => inDir(module.file, 'schemas'));
    expect(offending(schemas, (_module, target) => target.startsWith('src/') || target.startsWith('resources/'))).to.deep.equal([]);
  });

  it('lets only repositories (and src/db) query the database', () => {
    // Queries go through an EntityManager (`em().findOne(…)`, `em().getConnection().execute(…)`) or a raw driver.
    const querying = /\bem\(\)\.|\.getConnection\(\)|\.getKnex\(\)|\bnew pg\.(Client|Pool)\b/;
    const queries = graph.filter((module) => querying.test(module.source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    const outside = queries.map((module) => module.file).filter((file) => !file.endsWith('.repository.ts') && !inDir(file, 'src/db'));
    expect(queries.length, 'the check sees the repositories').to.be.greaterThan(5);
    expect(outside).to.deep.equal([]);
  });

  it('has no import cycles', () => {
    expect(cycles(graph).map((cycle) => cycle.join(' → '))).to.deep.equal([]);
  });
});
