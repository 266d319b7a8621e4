import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { allAffordances } from '../../resources/affordances.ts';
import { UNROUTED_ACTIONS } from '../../src/http/routing.ts';
import { DEPLOY_DIR } from '../support/deploy-config.ts';
import { deploymentOrSkip, type Deployment } from '../support/deployment.ts';
import type { Instance } from '../support/instances.ts';
import { Prometheus } from '../support/prometheus.ts';
import { freePort } from '../support/smtp-inbox.ts';

const run = promisify(execFile);

/** host:port of an instance's operations listener, as it logged it at start. */
function metricsTarget(instance: Instance): string {
  const url = instance.logs.find((line) => line.msg === 'Smilecook API listening')?.metrics;
  if (typeof url !== 'string') throw new Error(`${instance.name} logged no metrics URL`);
  return new URL(url).host;
}

/** The shipped alert rules against their unit tests (.ci/run runs them too): no database needed. */
describe('operations: the alert rules', () => {
  it('pass their unit tests (promtool test rules deploy/prometheus-rules.test.yml)', async () => {
    const { stdout } = await run('promtool', ['test', 'rules', path.join(DEPLOY_DIR, 'prometheus-rules.test.yml')]);
    expect(stdout).to.include('SUCCESS');
  });
});

/** API.md §13 with the real thing: Debian's Prometheus scrapes two instances with the shipped deploy/prometheus.yml and rules. */
describe('operations: a real Prometheus scrapes two instances behind nginx', function () {
  this.timeout(120_000);
  let deployment: Deployment;
  let prometheus: Prometheus;
  before(async function () {
    deployment = await deploymentOrSkip(this, { perInstance: async () => ({ METRICS_PORT: String(await freePort()) }) });
  });
  after(async () => {
    await prometheus?.stop();
    await deployment?.close();
  });

  it('reads back, from its HTTP API, the requests each instance answered, by action and status class', async () => {
    const through = deployment.nginx.url;
    for (let i = 0; i < 12; i += 1) await (await fetch(`${through}/recipes`, { headers: { Accept: 'application/hal+json' } })).arrayBuffer();
    for (let i = 0; i < 3; i += 1) await (await fetch(`${through}/recipes/${900_000 + i}`)).arrayBuffer();
    const targets = [metricsTarget(deployment.a), metricsTarget(deployment.b)];
    prometheus = await Prometheus.start(targets);
    const scraped = await prometheus.untilScraped();
    expect(scraped.map((target) => new URL(target.scrapeUrl).host).sort()).to.deep.equal([...targets].sort());

    const total = await prometheus.query('sum(smilecook_http_requests_total{action="recipes", status="2xx"})');
    expect(Number(total[0]?.value[1])).to.be.at.least(12);
    const notFound = await prometheus.query('sum(smilecook_http_requests_total{action="recipe", status="4xx"})');
    expect(Number(notFound[0]?.value[1])).to.equal(3);
    const perInstance = await prometheus.query('sum by (instance) (smilecook_http_requests_total)');
    expect(perInstance.map((series) => series.metric.instance).sort()).to.deep.equal([...targets].sort());
    const ready = await prometheus.query('smilecook_ready');
    expect(ready.map((series) => series.value[1])).to.deep.equal(['1', '1']);
    const database = await prometheus.query('min(smilecook_dependency_up{dependency=~"database|redis|storage"})');
    expect(database[0]?.value[1]).to.equal('1');
    const lag = await prometheus.query('nodejs_eventloop_lag_p99_seconds');
    expect(lag).to.have.length(2);

    // Bounded: every action label Prometheus holds is an action of the tables (or a fixed name).
    const known = new Set([...allAffordances.map((affordance) => affordance.id), ...Object.values(UNROUTED_ACTIONS)]);
    const actions = await prometheus.query('count by (action) (smilecook_http_requests_total)');
    expect(actions.map((series) => series.metric.action).filter((action) => !known.has(action!))).to.deep.equal([]);
  });

  it('evaluates the shipped alert rules without error, and sees an instance go down', async () => {
    let groups = await prometheus.rules();
    for (let attempt = 0; attempt < 50 && !groups[0]?.rules.every((rule) => rule.lastEvaluation.startsWith('2')); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      groups = await prometheus.rules();
    }
    expect(groups.map((group) => group.name)).to.deep.equal(['smilecook']);
    const rules = groups[0]!.rules;
    expect(rules.map((rule) => rule.name).sort()).to.deep.equal([
      'SmilecookCachePurgesFailing', 'SmilecookErrorRate', 'SmilecookInstanceDown', 'SmilecookMailOutboxStuck', 'SmilecookNotReady', 'SmilecookSlowAction',
    ]);
    expect(rules.filter((rule) => rule.health !== 'ok').map((rule) => rule.name)).to.deep.equal([]);
    expect(rules.filter((rule) => rule.state !== 'inactive').map((rule) => rule.name)).to.deep.equal([]);

    const down = metricsTarget(deployment.b);
    await deployment.b.stop();
    let up: string | undefined;
    for (let attempt = 0; attempt < 100 && up !== '0'; attempt += 1) {
      up = (await prometheus.query(`up{instance="${down}"}`))[0]?.value[1];
      if (up !== '0') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(up).to.equal('0');
  });
});
