import type { ChildProcess } from 'node:child_process';

/** Children still running: killed if the test process exits without stopping them (a crash, mocha's --exit). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
});

/** Registers a child (spawned with `detached: true`, so it leads a process group) for the exit safety net. */
export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Resolves when the child has exited (at once if it has). */
export function exitOf(child: ChildProcess): Promise<void> {
  return exited(child) ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * SIGTERM (to the child, or its whole group), then SIGKILL to the group after `timeoutMs`: resolves
 * once it has exited.
 */
export async function stopProcess(child: ChildProcess, options: { group?: boolean; timeoutMs?: number } = {}): Promise<void> {
  if (exited(child)) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      if (options.group) process.kill(-child.pid!, name);
      else child.kill(name);
    } catch { /* already gone */ }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => {
    options.group = true;
    signal('SIGKILL');
  }, options.timeoutMs ?? 15_000);
  await exitOf(child);
  clearTimeout(timer);
}

/** Polls a URL until `accept(status)` (default: any HTTP answer); fails early when the process died. */
export async function untilAnswering(url: string, options: {
  accept?: (status: number) => boolean; alive?: () => boolean; describe?: () => string; timeoutMs?: number; headers?: Record<string, string>;
} = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (options.alive && !options.alive()) throw new Error(`exited before answering: ${options.describe?.() ?? url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000), headers: options.headers ?? {} });
      await res.arrayBuffer();
      if (!options.accept || options.accept(res.status)) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer in time (${last}): ${options.describe?.() ?? ''}`);
}
