import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readableTempDir, renderDeployTemplate, writeReadable } from './deploy-config.ts';
import { stopProcess, track, untilAnswering } from './processes.ts';
import { freePort } from './smtp-inbox.ts';

export interface NginxOptions {
  /** The instances behind it, in order. */
  upstreams: Array<{ host?: string; port: number }>;
  /** Where it listens (default: a free port on 127.0.0.1). */
  port?: number;
}

/** One line of the access log (the shipped `smilecook` log format); a retried request names every upstream tried, comma-separated. */
export interface AccessLogLine { request: string; status: number; upstream: string; upstreamStatus: string }

/**
 * A private nginx (Debian's 1.22) running the SHIPPED deploy/nginx.conf, its placeholders filled by
 * deploy/render-template.mjs: `nginx -p <tmp> -c <tmp>/nginx.conf -e <tmp>/error.log -g 'daemon off;'`
 * as a child process, with pid, logs and temporary files in <tmp>. stop() leaves nothing behind.
 */
export class Nginx {
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(readonly dir: string, readonly port: number) {}

  static async start(options: NginxOptions): Promise<Nginx> {
    return Nginx.startWith((dir, port) => renderDeployTemplate('nginx.conf', {
      LISTEN: `127.0.0.1:${port}`,
      UPSTREAM: options.upstreams.map(({ host, port: upstream }) => `${host ?? '127.0.0.1'}:${upstream}`),
      RUN_DIR: dir, ERROR_LOG: path.join(dir, 'error.log'), ACCESS_LOG: path.join(dir, 'access.log'),
    }), options.port);
  }

  /** An nginx with a configuration of the test's own (e.g. a generic proxy_cache), given its directory and port. */
  static async startWith(config: (dir: string, port: number) => string, port?: number): Promise<Nginx> {
    const dir = readableTempDir('smilecook-nginx-');
    const nginx = new Nginx(dir, port ?? await freePort());
    writeReadable(path.join(dir, 'nginx.conf'), config(dir, nginx.port));
    try {
      await nginx.launch();
    } catch (error) {
      await nginx.stop();
      throw error;
    }
    return nginx;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async launch(): Promise<void> {
    const args = ['-p', this.dir, '-c', path.join(this.dir, 'nginx.conf'), '-e', path.join(this.dir, 'error.log'), '-g', 'daemon off;'];
    const child = track(spawn('nginx', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) stream!.on('data', (chunk) => (this.output += chunk));
    child.once('error', (error) => (this.output += String(error)));
    await untilAnswering(`${this.url}/health`, {
      alive: () => child.exitCode === null && child.signalCode === null,
      describe: () => `nginx on ${this.port}: ${this.output} ${this.errorLog()}`,
    });
  }

  errorLog(): string {
    try {
      return readFileSync(path.join(this.dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** The access log so far (nginx writes each line when the request ends). */
  accessLog(): AccessLogLine[] {
    let text = '';
    try {
      text = readFileSync(path.join(this.dir, 'access.log'), 'utf8');
    } catch { /* nothing yet */ }
    return text.split('\n').filter(Boolean).map((line) => {
      const match = /"([^"]*)" (\d+) \S+ \S+ upstream=(.*) upstream_status=(.*)$/.exec(line);
      return { request: match?.[1] ?? line, status: Number(match?.[2] ?? 0), upstream: match?.[3] ?? '', upstreamStatus: match?.[4] ?? '' };
    });
  }

  /** SIGTERM (nginx's fast shutdown) to the master, which stops its workers; then the directory goes. */
  async stop(): Promise<void> {
    if (this.child) await stopProcess(this.child, { group: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
