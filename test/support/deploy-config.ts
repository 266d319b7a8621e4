import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's deploy/ folder: the shipped templates and their renderer. */
export const DEPLOY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../deploy');

/**
 * A shipped template (path relative to deploy/) filled in by deploy/render-template.mjs itself, the
 * tool operators and deploy/local.sh use: the tests load exactly what a deployment runs. A list
 * value repeats its line (several upstreams, several ACL entries).
 */
export function renderDeployTemplate(template: string, values: Record<string, string | number | Array<string | number>>): string {
  const args = Object.entries(values).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${name}=${v}`));
  return execFileSync(process.execPath, [path.join(DEPLOY_DIR, 'render-template.mjs'), path.join(DEPLOY_DIR, template), ...args], { encoding: 'utf8' });
}

/**
 * A temporary directory that daemons dropping privileges can read (varnishd's manager reads the
 * VCL as user `varnish`; mkdtemp makes 0700 directories).
 */
export function readableTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Writes a file that other users may read. */
export function writeReadable(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o644 });
}
