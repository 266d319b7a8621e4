import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { prepare, startCommand, type StartCommand } from '../../bench/start-command.ts';
import { exitOf, stopProcess, track } from './processes.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The production bundle, built once per test file as `npm start` builds it (its `npm run build`),
 * in a temporary copy of the checkout (package.json copied; src, resources, schemas and
 * node_modules linked): two `npm start`s in one checkout race on dist/, and the tests must not
 * touch the checkout's own dist/.
 */
export interface Bundle { dir: string; command: StartCommand; remove(): void }

export function buildBundle(): Bundle {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-bundle-'));
  copyFileSync(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
  for (const name of ['src', 'resources', 'schemas', 'node_modules']) symlinkSync(path.join(REPO, name), path.join(dir, name));
  const command = startCommand(path.join(dir, 'package.json'));
  try {
    prepare(command, dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, command, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One server process, as `npm start` launches it: the same environment, node flags and script. */
export interface Instance {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  /** Its JSON log lines so far. */
  logs: Array<Record<string, unknown>>;
  /** Resolves with the exit code. */
  exit: Promise<number | null>;
  /** SIGTERM, and wait for the exit (SIGKILL after 20 s); removes its DATA_DIR. */
  stop(): Promise<number | null>;
}

export async function startInstance(bundle: Bundle, name: string, env: Record<string, string>): Promise<Instance> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `smilecook-${name}-`));
  const child = track(spawn(process.execPath, [...bundle.command.nodeArgs, bundle.command.script], {
    cwd: bundle.dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...bundle.command.env, DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  }));
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exit = exitOf(child).then(() => child.exitCode);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s: ${stderr}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === 'Smilecook API listening') {
        clearTimeout(timer);
        resolve(String(entry.url));
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening: ${stderr}`));
    });
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    name, url, port: Number(new URL(url).port), child, logs, exit,
    async stop() {
      await stopProcess(child, { timeoutMs: 20_000 });
      rmSync(dataDir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}
