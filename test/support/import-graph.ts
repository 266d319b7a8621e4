import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The project's own modules and what each imports: relative imports resolved to repo paths, packages by name. */
export interface ModuleImports {
  file: string;
  source: string;
  /** Repo-relative paths of the project's modules it imports. */
  local: string[];
  /** Package names (`express`, `@mikro-orm/core`, `node:fs`). */
  packages: string[];
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g;

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.posix.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return filesUnder(root, relative);
    return relative.endsWith('.ts') && !relative.endsWith('.d.ts') ? [relative] : [];
  });
}

function packageOf(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function importGraph(root: string, dirs: string[]): ModuleImports[] {
  return dirs.flatMap((dir) => filesUnder(root, dir)).map((file) => {
    const source = readFileSync(path.join(root, file), 'utf8');
    const specifiers = [...source.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3]!);
    const local = specifiers.filter((s) => s.startsWith('.')).map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)));
    const packages = specifiers.filter((s) => !s.startsWith('.')).map(packageOf);
    return { file, source, local, packages };
  });
}

/** Every import cycle among the modules (each reported once, as the path that closes it). */
export function cycles(graph: ModuleImports[]): string[][] {
  const edges = new Map(graph.map((module) => [module.file, module.local]));
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      found.push([...trail.slice(trail.indexOf(file)), file]);
      return;
    }
    state.set(file, 'open');
    for (const next of edges.get(file) ?? []) if (edges.has(next)) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of edges.keys()) visit(file, []);
  return found;
}
