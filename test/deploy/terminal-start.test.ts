import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { newCredentials } from '../support/accounts.ts';
import { buildBundle, type Bundle } from '../support/instances.ts';
import { exitOf, stopProcess, track } from '../support/processes.ts';
import { freshDatabase, type SharedStore } from '../support/shared-stores.ts';

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex

/** `npm start`'s program (the bundle) in a pseudo-terminal (`script`), as a person at a terminal runs it. */
class TerminalRun {
  raw = '';
  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk) => (this.raw += String(chunk)));
  }

  static start(bundle: Bundle, env: Record<string, string>): TerminalRun {
    const command = ['exec', process.execPath, ...bundle.command.nodeArgs, bundle.command.script].map((part) => `'${part}'`).join(' ');
    const child = track(spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: bundle.dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...bundle.command.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    }));
    return new TerminalRun(child);
  }

  /** The lines so far, colours removed. */
  get lines(): string[] {
    return plain(this.raw).split(/\r?\n/);
  }

  /** Waits (60 s at most: the embedded database's first start) until a line matches. */
  async line(pattern: RegExp): Promise<RegExpExecArray> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      for (const line of this.lines) {
        const match = pattern.exec(line);
        if (match) return match;
      }
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`no line like ${pattern} in:\n${this.lines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    await stopProcess(this.child, { group: true, timeoutMs: 20_000 });
    await exitOf(this.child);
  }
}

/** Issue 20 point 4 and API.md §13: readable lines for a person, JSON lines for machines, one base URL in mails and terminal. */
describe('npm start in a terminal', function () {
  this.timeout(180_000);
  let bundle: Bundle;
  let database: SharedStore | undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-terminal-'));
  before(async () => {
    bundle = buildBundle();
    if (process.env.TEST_DATABASE_URL) database = await freshDatabase(process.env.TEST_DATABASE_URL);
  });
  after(async () => {
    bundle?.remove();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints readable lines (no JSON), the activation link framed so it stands out, on the one base URL of the mails', async () => {
    const run = TerminalRun.start(bundle, { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...(database && { DATABASE_URL: database.url }) });
    try {
      const [, base] = await run.line(/^Smilecook is ready: (http:\/\/localhost:\d+)\/ {2}· {2}explore it in a browser: http:\/\/localhost:\d+\/explorer$/);
      const recipes = await fetch(`${base}/recipes`, { headers: { Accept: 'application/hal+json' } });
      expect(recipes.status).to.equal(200);
      await run.line(new RegExp(`INFO.*: GET recipes 200 [\\d.]+ ms {2}\\(trace ${recipes.headers.get('x-request-id')}\\)$`));
      const root = await (await fetch(`${base}/`, { headers: { Accept: 'application/prs.hal-forms+json' } })).json() as {
        _templates: { register: { target: string } };
      };
      const cook = newCredentials('terminal');
      const registered = await fetch(new URL(root._templates.register.target, base), {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(cook),
      });
      expect(registered.status).to.equal(202);
      const [link] = await run.line(new RegExp(`^  ${base.replace(/\./g, '\\.')}/activation/[A-Za-z0-9_-]{43}$`));
      const lines = run.lines;
      expect(lines.filter((line) => line.startsWith('{')), 'JSON lines').to.deep.equal([]);
      // Framed by rules, bold: the link a newcomer must click is not one more log line.
      const at = lines.indexOf(link);
      expect(lines[at - 2]).to.match(/^─{20,}$/);
      expect(lines[at - 1]).to.include(`mail to ${cook.email}`);
      expect(lines[at + 1]).to.match(/^─{20,}$/);
      expect(run.raw).to.include(`\x1b[1m${lines[at - 1]}`);
      // The mail itself says the same address.
      const outbox = path.join(dataDir, 'outbox');
      const text = readdirSync(outbox).filter((name) => name.endsWith('.txt')).map((name) => readFileSync(path.join(outbox, name), 'utf8')).join('\n');
      expect(text.split('\n')).to.include(link.trim());
    } finally {
      await run.stop();
    }
  });

  it('logs JSON lines in a terminal too when NODE_ENV=production', async function () {
    if (!database) return this.skip(); // production needs DATABASE_URL: the embedded database is for development
    const run = TerminalRun.start(bundle, {
      PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'production', DATABASE_URL: database.url, JWT_SECRET: 'x'.repeat(40),
    });
    try {
      const [line] = await run.line(/^\{.*"msg":"Smilecook API listening".*$/);
      expect(JSON.parse(line)).to.include({ level: 30 });
      expect(run.lines.filter((text) => text && !text.startsWith('{'))).to.deep.equal([]);
    } finally {
      await run.stop();
    }
  });
});
