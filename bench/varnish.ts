/**
 * A private Varnish (Debian's 7.1) in front of one API instance, with the project's VCL:
 * `varnishd -F -n <tmp dir> -a 127.0.0.1:<port> -T 127.0.0.1:0 -f <vcl> -s malloc,64m`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startExternal, type External } from './external-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * Where the shipped VCL lives: src/http/varnish/ today; deploy/varnish/ once it moves there (the
 * first that exists is used). Change this one constant when it moves again.
 */
export const VCL_PATHS = ['deploy/varnish/smilecook.vcl', 'src/http/varnish/smilecook.vcl'];

/**
 * The VCL with its backend pointed at the origin: placeholders of a template (`${BACKEND_HOST}`,
 * `{{BACKEND_PORT}}`, any case) or, in today's file, the `.host`/`.port` of the first backend.
 */
export function vclFor(host: string, port: number): { file: string; text: string } {
  const relative = VCL_PATHS.find((candidate) => existsSync(path.join(ROOT, candidate)));
  if (!relative) throw new Error(`no VCL at ${VCL_PATHS.join(' or ')}`);
  const source = readFileSync(path.join(ROOT, relative), 'utf8');
  let text = source
    .replace(/\$\{\s*BACKEND_HOST\s*\}|\{\{\s*BACKEND_HOST\s*\}\}/gi, host)
    .replace(/\$\{\s*BACKEND_PORT\s*\}|\{\{\s*BACKEND_PORT\s*\}\}/gi, String(port))
    // The purgers ACL (a template line repeated per address): the API instances run here.
    .replace(/\{\{\s*PURGER\s*\}\}/gi, '127.0.0.1');
  if (text === source) {
    text = source.replace(/(backend\s+\w+\s*\{[^}]*?\.host\s*=\s*")[^"]*(";[^}]*?\.port\s*=\s*")[^"]*(")/, `$1${host}$2${port}$3`);
  }
  return { file: relative, text };
}

export interface Varnish extends External {
  url: string;
  vcl: string;
  /** MAIN.cache_hit, cache_miss, s_pass (requests passed: Authorization), backend requests and 304 fetches (revalidations) so far (varnishstat). */
  counters(): Record<'hit' | 'miss' | 'pass' | 'backend' | 'fetch304', number>;
}

export async function startVarnish(port: number, originPort: number): Promise<Varnish> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-varnish-'));
  chmodSync(dir, 0o755); // varnishd reads the VCL after dropping to its own user
  const { file, text } = vclFor('127.0.0.1', originPort);
  const vcl = path.join(dir, 'smilecook.vcl');
  writeFileSync(vcl, text, { mode: 0o644 });
  // The health probe needs a good answer before the backend counts as healthy: wait for a 200 of /health.
  const process = await startExternal('varnishd', 'varnishd',
    ['-F', '-n', path.join(dir, 'n'), '-a', `127.0.0.1:${port}`, '-T', '127.0.0.1:0', '-f', vcl, '-s', 'malloc,64m'],
    `http://127.0.0.1:${port}/health`, (status) => status === 200);
  return {
    ...process, vcl: file, url: `http://127.0.0.1:${port}`,
    counters() {
      const fields = ['cache_hit', 'cache_miss', 's_pass', 'backend_req', 'fetch_304'].flatMap((name) => ['-f', `MAIN.${name}`]);
      const out = execFileSync('varnishstat', ['-n', path.join(dir, 'n'), '-1', ...fields], { encoding: 'utf8' });
      const value = (name: string) => Number(new RegExp(`^MAIN\\.${name}\\s+(\\d+)`, 'm').exec(out)?.[1] ?? 0);
      return { hit: value('cache_hit'), miss: value('cache_miss'), pass: value('s_pass'), backend: value('backend_req'), fetch304: value('fetch_304') };
    },
  };
}
