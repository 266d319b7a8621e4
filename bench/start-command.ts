import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** How `npm start` launches the API: the environment it sets, the node flags and the script. */
export interface StartCommand {
  /** What runs before the launch (`npm run build`), as one shell command; '' when nothing does. */
  prepare: string;
  env: Record<string, string>;
  nodeArgs: string[];
  script: string;
}

/**
 * Reads `scripts.start` of package.json — `[prepare &&] [NAME=value …] node [flags…] script` — so that
 * the benchmark measures the API exactly as production starts it. `NAME=${NAME:-default}` takes the
 * variable from this environment, else the default, as the shell would.
 */
export function startCommand(packageJson: string): StartCommand {
  const start = (JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts?: { start?: string } }).scripts?.start;
  if (!start) throw new Error(`${packageJson} has no scripts.start`);
  const steps = start.split('&&').map((step) => step.trim());
  const launch = steps.pop()!.split(/\s+/);
  const env: Record<string, string> = {};
  while (launch[0] && /^[A-Z_][A-Z0-9_]*=/.test(launch[0])) {
    const [name, value] = launch.shift()!.split(/=(.*)/s) as [string, string];
    const fallback = /^\$\{(\w+):-(.*)\}$/.exec(value);
    env[name] = fallback ? process.env[fallback[1]!] ?? fallback[2]! : value;
  }
  if (launch.shift() !== 'node') throw new Error(`scripts.start does not launch node: ${start}`);
  const script = launch.pop();
  if (!script || launch.some((arg) => !arg.startsWith('-'))) throw new Error(`cannot read scripts.start: ${start}`);
  return { prepare: steps.join(' && '), env, nodeArgs: launch, script };
}

/** Runs what `npm start` runs before the launch (the build). */
export function prepare(command: StartCommand, cwd: string): void {
  if (command.prepare) execSync(command.prepare, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}
