import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { eventually } from '../support/eventually.ts';
import { heldRequest } from '../support/held-request.ts';

interface Started { child: ChildProcess; url: string; exit: Promise<number | null>; logs: Array<{ msg?: string }> }

/** Starts `src/server.ts` (or `npm start` itself), and resolves with its URL from the startup log line. */
function startProcess(env: Record<string, string>, how: 'tsx' | 'npm start' = 'tsx'): Promise<Started> {
  const child = how === 'tsx'
    ? spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    // Its own process group: npm, its shell and node are stopped together.
    : spawn('npm', ['start', '--silent'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logs: Array<{ msg?: string }> = [];
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      logs.push(entry);
      if (entry.msg === 'Smilecook API listening' && entry.url) resolve({ child, url: entry.url, exit, logs });
    });
    void exit.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
}

describe('server process: start, configuration errors, graceful shutdown', function () {
  this.timeout(60_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-process-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = () => ({
    PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development',
    ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
  });

  it('refuses a bad configuration with a message naming the variable, exit code 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, ...env(), CACHE_MAX_AGE: 'soon' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).to.equal(1);
    expect(stderr).to.include('CACHE_MAX_AGE');
  });

  it('finishes in-flight requests on SIGTERM, then exits 0', async () => {
    const { child, url, exit, logs } = await startProcess(env());
    expect((await fetch(url + '/')).status).to.equal(200);
    // In flight: the server has answered its headers with 100 Continue; the body follows once the shutdown has begun.
    const held = await heldRequest(url + '/users',
      JSON.stringify({ username: `shut${Date.now() % 100000}`, email: `shut${Date.now()}@example.test`, password: 'a long enough passphrase here' }));
    child.kill('SIGTERM');
    await eventually(() => logs.some((line) => line.msg?.startsWith('shutting down')), 'the shutdown log line');
    const inFlight = held.finish();
    expect((await inFlight).status).to.equal(202);
    expect(await exit).to.equal(0);
    const refused = await fetch(url + '/').then(() => 'answered', () => 'refused');
    expect(refused).to.equal('refused');
  });

  it('runs as `npm start` runs it: the bundle in dist/ migrates, serves the API and the explorer, and stops on SIGTERM', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'smilecook-start-'));
    const { child, url, exit } = await startProcess({ ...env(), DATA_DIR: fresh }, 'npm start');
    try {
      const root = await fetch(url + '/', { headers: { Accept: 'application/hal+json' } });
      expect(root.status).to.equal(200);
      expect(((await root.json()) as { _links: Record<string, unknown> })._links).to.have.property('recipes');
      const page = await fetch(url + '/explorer');
      expect(page.status).to.equal(200);
      expect(await page.text()).to.include('<html');
      expect((await fetch(url + '/explorer/explorer.js')).status).to.equal(200);
      // The tables exist: the migrations ran from the bundle's static list.
      const recipes = await fetch(url + '/recipes', { headers: { Accept: 'application/hal+json' } });
      expect(recipes.status).to.equal(200);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exit;
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
