import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEPLOY_DIR, renderDeployTemplate } from './deploy-config.ts';
import { stopProcess, track, untilAnswering } from './processes.ts';
import { freePort } from './smtp-inbox.ts';

const run = promisify(execFile);

export interface Target { scrapeUrl: string; health: string; lastScrape: string; lastError: string }
export interface QueryResult { metric: Record<string, string>; value: [number, string] }
export interface RuleGroup { name: string; rules: Array<{ name: string; health: string; lastEvaluation: string; state?: string }> }

/**
 * A private Prometheus (Debian's 2.42) running the SHIPPED deploy/prometheus.yml, filled in by
 * deploy/render-template.mjs with the targets given (and deploy/prometheus-rules.yml as its rules):
 * `prometheus --config.file --storage.tsdb.path <tmp> --web.listen-address 127.0.0.1:<free port>`,
 * read back through its HTTP API. The configuration is checked with `promtool check config` first.
 */
export class Prometheus {
  private output = '';
  private constructor(private readonly dir: string, readonly port: number, private readonly child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) stream!.on('data', (chunk) => (this.output += chunk));
  }

  static async start(targets: string[], scrapeInterval = '1s'): Promise<Prometheus> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-prometheus-'));
    const config = path.join(dir, 'prometheus.yml');
    writeFileSync(config, renderDeployTemplate('prometheus.yml', {
      TARGET: targets, RULES: path.join(DEPLOY_DIR, 'prometheus-rules.yml'), SCRAPE_INTERVAL: scrapeInterval,
    }));
    try {
      await run('promtool', ['check', 'config', config]);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const port = await freePort();
    const child = track(spawn('prometheus', [
      `--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
    ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
    const prometheus = new Prometheus(dir, port, child);
    try {
      await untilAnswering(`${prometheus.url}/-/ready`, {
        accept: (status) => status === 200, alive: () => child.exitCode === null, describe: () => prometheus.output, timeoutMs: 30_000,
      });
    } catch (error) {
      await prometheus.stop();
      throw error;
    }
    return prometheus;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async api<T>(pathAndQuery: string): Promise<T> {
    const res = await fetch(`${this.url}/api/v1/${pathAndQuery}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${pathAndQuery}: ${body.error}`);
    return body.data;
  }

  async targets(): Promise<Target[]> {
    return (await this.api<{ activeTargets: Target[] }>('targets')).activeTargets;
  }

  /** Polls the targets API until every target has been scraped successfully since the call. */
  async untilScraped(timeoutMs = 30_000): Promise<Target[]> {
    const since = Date.now();
    const deadline = since + timeoutMs;
    for (;;) {
      const targets = await this.targets();
      if (targets.length > 0 && targets.every((t) => t.health === 'up' && Date.parse(t.lastScrape) > since)) return targets;
      if (Date.now() > deadline) throw new Error(`targets not scraped in time: ${JSON.stringify(targets)}\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** An instant query (PromQL). */
  async query(expression: string): Promise<QueryResult[]> {
    return (await this.api<{ result: QueryResult[] }>(`query?query=${encodeURIComponent(expression)}`)).result;
  }

  async rules(): Promise<RuleGroup[]> {
    return (await this.api<{ groups: RuleGroup[] }>('rules')).groups;
  }

  async stop(): Promise<void> {
    await stopProcess(this.child, { group: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
