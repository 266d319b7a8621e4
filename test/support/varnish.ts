import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readableTempDir, renderDeployTemplate, writeReadable } from './deploy-config.ts';
import { eventually } from './eventually.ts';
import { stopProcess, track, untilAnswering } from './processes.ts';
import { freePort } from './smtp-inbox.ts';

const run = promisify(execFile);

export interface VarnishOptions {
  /** What Varnish fetches from (the app, or nginx in front of instances). */
  backend: { host?: string; port: number };
  /** Where it listens (default: a free port), e.g. chosen before the app starts so PUBLIC_BASE_URL can name it. */
  port?: number;
  /** The purgers ACL; default: the shipped local one, 127.0.0.1 and ::1. */
  purgers?: string[];
  /** Wait until the backend is healthy through Varnish (GET /health → 200); else for any answer. */
  waitForBackend?: boolean;
}

/** A request as Varnish logged it (varnishncsa). */
export interface LoggedRequest { method: string; url: string; host: string; banUrl: string | undefined; status: number }

/** Whether Varnish served a response from its cache: on a hit, X-Varnish names two transactions. */
export const isHit = (res: Response) => /^\d+ \d+$/.test(res.headers.get('x-varnish') ?? '');

/**
 * A private varnishd (Debian's 7.1) loaded with the SHIPPED VCL, deploy/varnish/smilecook.vcl, its
 * placeholders filled by deploy/render-template.mjs: `varnishd -F -n <tmp> -a 127.0.0.1:<port>`
 * as a child process in a process group of its own (manager and cache worker), read through
 * varnishstat and varnishncsa. stop() leaves no process and no directory behind.
 */
export class Varnish {
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(readonly dir: string, readonly port: number, private readonly vcl: string, private readonly waitForBackend: boolean) {}

  static async start(options: VarnishOptions): Promise<Varnish> {
    const dir = readableTempDir('smilecook-varnish-');
    const vcl = path.join(dir, 'smilecook.vcl');
    writeReadable(vcl, renderDeployTemplate('varnish/smilecook.vcl', {
      BACKEND_HOST: options.backend.host ?? '127.0.0.1', BACKEND_PORT: options.backend.port, PURGER: options.purgers ?? ['127.0.0.1', '::1'],
    }));
    const varnish = new Varnish(dir, options.port ?? await freePort(), vcl, options.waitForBackend ?? true);
    try {
      await varnish.launch();
    } catch (error) {
      await varnish.stop();
      throw error;
    }
    return varnish;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** varnishd's working directory (`-n`): what varnishlog, varnishstat and varnishncsa read. */
  get workDir(): string {
    return path.join(this.dir, 'n');
  }

  /** Starts varnishd (again after down(): the same port and VCL, an empty cache) and waits until it answers. */
  async launch(): Promise<void> {
    const args = ['-F', '-n', this.workDir, '-a', `127.0.0.1:${this.port}`, '-T', '127.0.0.1:0', '-f', this.vcl, '-s', 'malloc,64m'];
    const child = track(spawn('varnishd', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
    this.child = child;
    this.output = '';
    for (const stream of [child.stdout, child.stderr]) stream!.on('data', (chunk) => (this.output += chunk));
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    child.once('error', (error) => (this.output += String(error)));
    await untilAnswering(`${this.url}/health`, {
      accept: (status) => !this.waitForBackend || status === 200,
      alive: () => this.child === child,
      describe: () => `varnishd on ${this.port}: ${this.output}`,
    });
  }

  /** SIGSTOP to manager and worker: connections are accepted by the kernel and never answered. */
  pause(): void {
    process.kill(-this.child!.pid!, 'SIGSTOP');
  }

  resume(): void {
    process.kill(-this.child!.pid!, 'SIGCONT');
  }

  /** Stops varnishd (its manager stops and reaps the worker): connections are refused until launch(). */
  async down(): Promise<void> {
    if (!this.child) return;
    process.kill(-this.child.pid!, 'SIGCONT');
    await stopProcess(this.child, { group: true });
  }

  async stop(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Every counter of `varnishstat -1` (MAIN.cache_hit, MAIN.cache_miss, MAIN.s_pass, MAIN.backend_req, …),
   * once they count every client request of the shared log: a worker adds its counts to the global
   * ones only when its job ends, and a keep-alive session's job lingers for the next request, so
   * wait until MAIN.client_req has caught up with the requests Varnish has logged.
   */
  async counters(): Promise<Record<string, number>> {
    let current: Record<string, number> = {};
    await eventually(async () => {
      const logged = (await this.requests()).length;
      const { stdout } = await run('varnishstat', ['-n', this.workDir, '-1']);
      current = Object.fromEntries(stdout.split('\n').map((line) => line.split(/\s+/)).filter((f) => f.length >= 2 && /^MAIN\./.test(f[0]!)).map(([name, value]) => [name!, Number(value)]));
      return current['MAIN.client_req'] === logged;
    }, `varnishstat to count every request of the shared log (${this.workDir})`);
    return current;
  }

  /**
   * The client requests Varnish has logged (varnishncsa -d), oldest first. A transaction reaches the
   * shared log when it ends, just after its response: `until` polls until it holds (what is logged
   * is returned after 20 s even if it never does, for the caller's assertion to show).
   */
  async requests(until: (logged: LoggedRequest[]) => boolean = () => true): Promise<LoggedRequest[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { stdout } = await run('varnishncsa', ['-n', this.workDir, '-d', '-F', '%m\t%U%q\t%{Host}i\t%{X-Ban-Url}i\t%s']);
      const logged = stdout.split('\n').filter(Boolean).map((line) => {
        const [method = '', url = '', host = '', banUrl = '-', status = '0'] = line.split('\t');
        // varnishncsa quotes backslashes in header values (\\ for \).
        return { method, url, host, banUrl: banUrl === '-' ? undefined : banUrl.replaceAll('\\\\', '\\'), status: Number(status) };
      });
      if (until(logged) || Date.now() > deadline) return logged;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
