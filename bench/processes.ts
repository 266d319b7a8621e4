import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

/** A benchmarked server running as a child process, with its memory and event loop observable. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Starts a measurement window: peak RSS and event-loop delay from now on. */
  startWindow(): void;
  /** Ends the window: peak RSS (MB), the longest event-loop delay (ms) and the CPU time (ms) spent in it. */
  endWindow(): Promise<{ peakRssMb: number; heapMb: number | null; loopMaxMs: number | null; cpuMs: number }>;
  /** Recent output (stdout and stderr), for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const PROBE = fileURLToPath(new URL('./loop-probe.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** CPU time (user + system) of a process so far, in ms (0 when it is gone). */
export function cpuTimeMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in clock ticks of 10 ms
  } catch {
    return 0;
  }
}

function status(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0; // the process is gone
  }
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}:\n${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`did not answer ${url} within 60 s:\n${output()}`);
}

/**
 * Spawns `[prefix…] node --import loop-probe <nodeArgs…> <script>` and waits until it answers HTTP on `port`
 * (nodeArgs bring `--import tsx` for a TypeScript script; the prefix is e.g. `taskset -c 0`, which execs
 * node in place, so the pid is node's).
 */
export async function startServer(name: string, script: string, port: number, env: Record<string, string>,
  nodeArgs: string[] = [], prefix: string[] = []): Promise<ServerProcess> {
  const command = [...prefix, process.execPath, '--import', PROBE, ...nodeArgs, script];
  const child = spawn(command[0]!, command.slice(1), {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    cwd: ROOT,
  });
  let log = '';
  const keep = (chunk: Buffer) => { log = (log + chunk.toString()).slice(-4000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${url}/`, child, () => log);
  const pid = child.pid!;

  let sampler: NodeJS.Timeout | undefined;
  let sampledPeak = 0;
  let hwmReset = false;
  let cpuAtStart = 0;
  return {
    name, url, pid,
    output: () => log,
    startWindow() {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM (the peak) to the current RSS
        hwmReset = true;
      } catch {
        hwmReset = false;
      }
      sampledPeak = status(pid, 'VmRSS');
      cpuAtStart = cpuTimeMs(pid);
      sampler = setInterval(() => { sampledPeak = Math.max(sampledPeak, status(pid, 'VmRSS')); }, 100).unref();
      child.send('loop:reset');
    },
    async endWindow() {
      clearInterval(sampler);
      const cpuMs = cpuTimeMs(pid) - cpuAtStart;
      const peak = Math.max(sampledPeak, hwmReset ? status(pid, 'VmHWM') : 0);
      type Probe = { type?: string; maxMs?: number; heapTotalMb?: number };
      const probe = await new Promise<Probe>((resolve) => {
        const timer = setTimeout(() => resolve({}), 2000);
        child.once('message', (message: Probe) => {
          clearTimeout(timer);
          resolve(message.type === 'loop' ? message : {});
        });
        child.send('loop:read');
      });
      return { peakRssMb: peak, heapMb: probe.heapTotalMb ?? null, loopMaxMs: probe.maxMs ?? null, cpuMs };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
