import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from 'chai';
import { eventually } from '../support/eventually.ts';

interface Run { lines: string[]; url: string; stop(): Promise<void> }

/** `npm start` with no DATABASE_URL, as a newcomer runs it; resolves once it listens, with every line it printed. */
function npmStart(dataDir: string): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  const child = spawn('npm', ['start', '--silent'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exit = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const ready = /^Smilecook is ready: (http:\/\/\S+)\/ /.exec(line);
      if (ready) resolve({ lines, url: ready[1]!, stop: async () => { process.kill(-child.pid!, 'SIGTERM'); await exit; } });
    });
    void exit.then(() => reject(new Error(`npm start exited early:\n${lines.join('\n')}`)));
  });
}

const messages = (lines: string[]) => lines.filter((line) => line.startsWith('{')).map((line) => (JSON.parse(line) as { msg: string }).msg);

/** The README's first command on a fresh clone: the embedded PostgreSQL, created once and reopened after (issue 10). */
describe('npm start on the embedded database', function () {
  this.timeout(180_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-embedded-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the database in DATA_DIR once (saying so), tells where to go, and opens it again on the next start', async () => {
    const first = await npmStart(dataDir);
    try {
      expect((await fetch(`${first.url}/recipes`, { headers: { Accept: 'application/hal+json' } })).status).to.equal(200);
      const said = messages(first.lines);
      expect(said.some((msg) => msg.startsWith(`creating the embedded PostgreSQL (PGlite) in ${path.join(dataDir, 'pgdata')}`))).to.equal(true);
      expect(said).to.include('embedded PostgreSQL ready');
      expect(first.lines).to.include(`Smilecook is ready: ${first.url}/  ·  explore it in a browser: ${first.url}/explorer`);
      expect(existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'))).to.equal(true);

      // Register: the activation link is printed on a line of its own, on the address the server listens on.
      const root = await (await fetch(first.url + '/', { headers: { Accept: 'application/prs.hal-forms+json' } })).json();
      const register = root._templates.register.target as string;
      const email = `newcomer${process.pid}@example.test`;
      const res = await fetch(first.url + register, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: `newcomer${process.pid}`, email, password: 'a long passphrase for the first hour' }),
      });
      expect(res.status).to.equal(202);
      await eventually(() => first.lines.some((line) => line.startsWith(`  ${first.url}/activation/`)), 'the activation link on a line of its own');
      expect(first.lines.find((line) => line.startsWith('  http'))).to.match(new RegExp(`^  ${first.url.replace(/[.]/g, '\\.')}/activation/[A-Za-z0-9_-]{43}$`));
      const outbox = path.join(dataDir, 'outbox');
      const txt = readdirSync(outbox).find((name) => name.endsWith('.txt'))!;
      expect(readFileSync(path.join(outbox, txt), 'utf8')).to.match(/\nhttp:\/\/localhost:\d+\/activation\/[A-Za-z0-9_-]{43}\n/);
    } finally {
      await first.stop();
    }
    const second = await npmStart(dataDir);
    try {
      expect(messages(second.lines).some((msg) => msg.startsWith('creating the embedded'))).to.equal(false);
      expect(messages(second.lines).some((msg) => msg.startsWith('opening the embedded'))).to.equal(true);
      expect((await fetch(`${second.url}/recipes`, { headers: { Accept: 'application/hal+json' } })).status).to.equal(200);
    } finally {
      await second.stop();
    }
  });
});
