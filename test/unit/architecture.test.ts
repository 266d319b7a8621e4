import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { cycles, importGraph, type ModuleImports } from '../support/import-graph.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const graph = importGraph(ROOT, ['src', 'resources', 'schemas']);

/**
 * The layers of the README's "The house", top to bottom, by folder: a module imports only modules of
 * its own layer or of the layers below it. Every folder holding code belongs to exactly one layer.
 */
const LAYERS = [
  { name: 'wiring', folders: ['src'] },
  { name: 'HTTP adapters', folders: ['src/routes'] },
  { name: 'resources', folders: ['resources'] },
  { name: 'domain', folders: ['src/users', 'src/recipes', 'src/tokens', 'src/images', 'src/mail', 'src/maintenance'] },
  { name: 'base', folders: ['src/http', 'src/db', 'src/core', 'schemas'] },
] as const;

/** A module's folder: `src` for the wiring files, else its first two levels (`src/db/migrations/x.ts` is in `src/db`). */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'src') return parts[0]!;
  return parts.length === 2 ? 'src' : `src/${parts[1]}`;
}

const rank = (folder: string) => LAYERS.findIndex((layer) => (layer.folders as readonly string[]).includes(folder));
const inFolder = (folder: string) => graph.filter((module) => folderOf(module.file) === folder);

/** The imports of `modules` that break a rule, as "file → import" lines (empty when they keep it). */
function offending(modules: ModuleImports[], bad: (module: ModuleImports, target: string) => boolean): string[] {
  return modules.flatMap((module) => [...module.local, ...module.packages].filter((target) => bad(module, target))
    .map((target) => `${module.file} → ${target}`));
}

const local = (target: string) => target.includes('/') && !target.startsWith('@') && !target.startsWith('node:');

/**
 * The layering, checked on the imports themselves (as spring-restbucks' ModularityTests do): a
 * violation fails here, not in review.
 */
describe('architecture: layers you can see, imports that point down', () => {
  it('reads every module, and every folder of code is in exactly one layer', () => {
    expect(graph.length).to.be.greaterThan(90);
    const folders = [...new Set(graph.map((module) => folderOf(module.file)))].sort();
    expect(folders.filter((folder) => rank(folder) === -1), 'folders in no layer').to.deep.equal([]);
    const declared = LAYERS.flatMap((layer) => layer.folders as readonly string[]);
    expect(new Set(declared).size, 'a folder in two layers').to.equal(declared.length);
    expect(declared.filter((folder) => inFolder(folder).length === 0), 'layers naming folders without code').to.deep.equal([]);
  });

  it('has no import that runs back up a layer', () => {
    expect(offending(graph, (module, target) => local(target) && rank(folderOf(target)) < rank(folderOf(module.file)))).to.deep.equal([]);
  });

  it('has no pair of folders that import each other, and no import cycle', () => {
    const edges = new Set(graph.flatMap((module) => module.local.map((target) => `${folderOf(module.file)} → ${folderOf(target)}`)));
    const both = [...edges].filter((edge) => {
      const [from, to] = edge.split(' → ');
      return from !== to && edges.has(`${to} → ${from}`);
    });
    expect(both).to.deep.equal([]);
    expect(cycles(graph).map((cycle) => cycle.join(' → '))).to.deep.equal([]);
  });

  it('keeps the base generic: src/core imports nothing, src/http and src/db only src/core, schemas nothing of the app', () => {
    expect(offending(inFolder('src/core'), (_module, target) => local(target) && folderOf(target) !== 'src/core')).to.deep.equal([]);
    for (const folder of ['src/http', 'src/db']) {
      expect(offending(inFolder(folder), (_module, target) => local(target) && ![folder, 'src/core', 'schemas'].includes(folderOf(target))), folder)
        .to.deep.equal([]);
    }
    expect(offending(inFolder('src/http'), (_module, target) => target.startsWith('@mikro-orm') || target === 'pg')).to.deep.equal([]);
    expect(offending(inFolder('schemas'), (_module, target) => local(target) && folderOf(target) !== 'schemas')).to.deep.equal([]);
  });

  it('keeps HTTP out of the domain and the resources: no express, multer, req or res below the adapters', () => {
    const below = graph.filter((module) => rank(folderOf(module.file)) >= rank('resources') && !['src/http'].includes(folderOf(module.file)));
    expect(offending(below, (_module, target) => target === 'express' || target === 'multer')).to.deep.equal([]);
    const touching = below.filter((module) => /\breq\.(body|params|query|get\()|\bres\.(status|setHeader|send)\(/.test(module.source));
    expect(touching.map((module) => module.file)).to.deep.equal([]);
  });

  it('keeps the database in the domain and src/db: adapters and resources never query, only repositories and src/db do', () => {
    const above = graph.filter((module) => rank(folderOf(module.file)) >= rank('src/routes') && rank(folderOf(module.file)) <= rank('resources'));
    expect(offending(above, (_module, target) => target.startsWith('@mikro-orm') || target === 'pg' || folderOf(target) === 'src/db')).to.deep.equal([]);
    // Queries go through an EntityManager (`em().findOne(…)`, `em().getConnection().execute(…)`) or a raw driver.
    const querying = /\bem\(\)\.|\.getConnection\(\)|\.getKnex\(\)|\bnew pg\.(Client|Pool)\b/;
    const queries = graph.filter((module) => querying.test(module.source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    const outside = queries.map((module) => module.file).filter((file) => !file.endsWith('.repository.ts') && folderOf(file) !== 'src/db');
    expect(queries.length, 'the check sees the repositories').to.be.greaterThan(5);
    expect(outside).to.deep.equal([]);
  });

  it('declares every path once, in the affordance tables: no path literal elsewhere', () => {
    const tables = (file: string) => file.endsWith('.affordances.ts') || file === 'src/core/paths.ts' || file.startsWith('src/db/migrations/');
    const firstSegments = ['recipes', 'users', 'me', 'tokens', 'activation', 'images', 'explorer', 'schemas', 'problems', 'health'];
    const literal = new RegExp(`['"\`]/(${firstSegments.join('|')})(?=[/'"\`?])`);
    const strings = (source: string) => source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(graph.filter((module) => !tables(module.file) && literal.test(strings(module.source))).map((module) => module.file)).to.deep.equal([]);
    // The explorer is a generic HAL browser: it follows links and templates, and knows no path of the API but `/`.
    const explorerDir = fileURLToPath(new URL('../../src/explorer/static/', import.meta.url));
    const scripts = readdirSync(explorerDir).filter((name) => name.endsWith('.js'));
    expect(scripts.length, 'the check sees the explorer').to.be.greaterThan(10);
    const anyPath = new RegExp(String.raw`(['"\x60]|\\)/(${firstSegments.join('|')})\b`); // '/recipes…', or /^\/explorer/ in a regex
    expect(scripts.filter((name) => anyPath.test(strings(readFileSync(path.join(explorerDir, name), 'utf8'))))).to.deep.equal([]);
  });
});
