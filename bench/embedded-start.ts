/**
 * The embedded default's cost (issue 10): time from `npm start` (as package.json starts it, the build
 * excluded) to the first answer, and the server's RSS, on a new DATA_DIR and on the same one reopened.
 *   npm run bench:embedded [-- --requests 200]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { prepare, startCommand } from './start-command.ts';

const root = path.resolve(import.meta.dirname, '..');
const at = process.argv.indexOf('--requests');
const requests = at > 0 ? Number(process.argv[at + 1]) : 200;

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function run(dataDir: string) {
  const command = startCommand(path.join(root, 'package.json'));
  const env: Record<string, string | undefined> = { ...process.env, ...command.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, [...command.nodeArgs, command.script], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /^Smilecook is ready: (http:\/\/\S+)\/ /.exec(line);
      if (ready) resolve(ready[1]!);
    });
    child.on('exit', () => reject(new Error('the server exited before it was ready')));
  });
  const first = await fetch(`${url}/`);
  const ms = Math.round(performance.now() - started);
  await first.arrayBuffer();
  const atReady = memoryOf(child.pid!);
  for (let i = 0; i < requests; i += 1) await (await fetch(`${url}/recipes?q=soup&page=${(i % 5) + 1}`)).arrayBuffer();
  const afterLoad = memoryOf(child.pid!);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  return { ms, atReady, afterLoad };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-bench-embedded-'));
try {
  prepare(startCommand(path.join(root, 'package.json')), root);
  const rows = [['new DATA_DIR', await run(dataDir)], ['same DATA_DIR again', await run(dataDir)]] as const;
  console.log(`| start | first answer after | RSS at ready MB | peak RSS at ready MB | RSS after ${requests} requests MB |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const [label, r] of rows) console.log(`| ${label} | ${(r.ms / 1000).toFixed(1)} s | ${r.atReady.rss} | ${r.atReady.peak} | ${r.afterLoad.rss} |`);
  console.log(`\nload average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')} on ${os.cpus().length} cores (timings move with it)`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
