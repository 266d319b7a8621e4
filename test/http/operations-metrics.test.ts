import { expect } from 'chai';
import { allAffordances } from '../../resources/affordances.ts';
import { UNROUTED_ACTIONS } from '../../src/http/routing.ts';
import { createUser, newCredentials, postJson, templateTarget, type TestUser } from '../support/accounts.ts';
import { samples, scrape, valueOf } from '../support/metrics.ts';
import { HAL, publishedRecipe, send } from '../support/recipes.ts';
import { freePort } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** API.md §13: the operations listener on METRICS_PORT, its families, and labels that stay bounded. */
describe('operations: /metrics on METRICS_PORT', () => {
  let server: TestServer;
  let cook: TestUser;
  before(async () => {
    // No mail server answers (mails stay in the outbox) and no cache answers (every purge fails).
    const dead = await freePort();
    server = await startTestServer({
      env: { METRICS_PORT: '0', RATE_LIMIT_EXEMPT: '127.0.0.1', SMTP_URL: `smtp://127.0.0.1:${dead}`, CACHE_PURGE_URL: `http://127.0.0.1:${dead}` },
      config: { rateLimits: { registrationsPerAddress: { limit: 1, windowSeconds: 3600 } } },
    });
    cook = await createUser(server);
  });
  after(async () => {
    await server?.close();
  });

  it('serves the Prometheus text format, /health and /health/ready on the operations port', async () => {
    expect(server.metricsUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.metricsUrl).to.not.equal(server.url);
    const res = await fetch(`${server.metricsUrl}/metrics`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('x-request-id')).to.match(/^[0-9a-f]{32}$/);
    const text = await res.text();
    expect(() => samples(text)).to.not.throw();
    const health = await fetch(`${server.metricsUrl}/health`);
    expect([health.status, await health.json()]).to.deep.equal([200, { status: 'ok' }]);
    const ready = await fetch(`${server.metricsUrl}/health/ready`);
    expect(ready.status).to.equal(200);
    expect(((await ready.json()) as { status: string }).status).to.equal('ready');
    const other = await fetch(`${server.metricsUrl}/recipes`);
    expect(other.status).to.equal(404);
    expect(other.headers.get('content-type')).to.match(/^application\/problem\+json/);
  });

  it('never serves /metrics on the public port: a 404 problem whatever the Accept (a browser\'s navigation included)', async () => {
    const accepts = ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/plain', 'application/openmetrics-text', '*/*', HAL, ''];
    for (const path of ['/metrics', '/metrics/', '/METRICS']) {
      for (const accept of accepts) {
        const res = await server.fetch(path, { headers: accept ? { Accept: accept } : {} });
        expect([path, accept, res.status], 'status').to.deep.equal([path, accept, 404]);
        expect(res.headers.get('content-type'), `${path} ${accept}`).to.match(/^application\/problem\+json/);
        expect(await res.text()).to.not.match(/smilecook_|# HELP/);
      }
    }
  });

  it('counts requests by action and status class, their latency by action, and 304s', async () => {
    const before = await scrape(server);
    const recipe = await publishedRecipe(cook, { name: 'Counted soup' });
    const first = await send(server, 'GET', recipe, null);
    await send(server, 'GET', recipe, null, undefined, { 'If-None-Match': first.headers.get('etag')! });
    await send(server, 'GET', '/recipes/999999999', null);
    await send(server, 'DELETE', '/', null);
    await server.fetch('/no/such/thing');
    const after = await scrape(server);
    const delta = (name: string, labels: Record<string, string>) => (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0);
    expect(delta('smilecook_http_requests_total', { action: 'create', status: '2xx' })).to.equal(1);
    expect(delta('smilecook_http_requests_total', { action: 'publish', status: '2xx' })).to.equal(1);
    expect(delta('smilecook_http_requests_total', { action: 'recipe', status: '2xx' })).to.be.at.least(1);
    expect(delta('smilecook_http_requests_total', { action: 'recipe', status: '3xx' })).to.equal(1);
    expect(delta('smilecook_http_requests_total', { action: 'recipe', status: '4xx' })).to.equal(1);
    expect(delta('smilecook_http_requests_total', { action: 'method-not-allowed', status: '4xx' })).to.equal(1);
    expect(delta('smilecook_http_requests_total', { action: 'unknown', status: '4xx' })).to.equal(1);
    expect(delta('smilecook_http_not_modified_total', { action: 'recipe' })).to.equal(1);
    expect(delta('smilecook_http_request_duration_seconds_count', { action: 'create' })).to.equal(1);
    expect(valueOf(after, 'smilecook_http_request_duration_seconds_bucket', { action: 'create', le: '+Inf' })).to.be.at.least(1);
    // Every action starts at zero, so that a first 5xx shows in increase().
    expect(valueOf(after, 'smilecook_http_requests_total', { action: 'unpublish', status: '5xx' })).to.equal(0);
  });

  it('counts rate-limit refusals per policy, also those answered before routing (named by the path\'s action)', async () => {
    const register = await templateTarget(server, 'register');
    const credentials = newCredentials();
    expect((await postJson(register, credentials)).status).to.equal(202);
    const refused = await postJson(register, { ...newCredentials(), email: credentials.email });
    expect(refused.status).to.equal(429);
    const text = await scrape(server);
    expect(valueOf(text, 'smilecook_rate_limit_refusals_total', { policy: 'register-address' })).to.equal(1);
    expect(valueOf(text, 'smilecook_rate_limit_refusals_total', { policy: 'login-account' })).to.equal(0);
    expect(valueOf(text, 'smilecook_http_requests_total', { action: 'register', status: '4xx' })).to.equal(1);
  });

  it('counts purges sent and failed, and reads the mail outbox and the database pool when scraped', async () => {
    await publishedRecipe(cook, { name: 'A purged recipe' }); // a draft purges nothing: publishing does
    const text = await scrape(server);
    expect(valueOf(text, 'smilecook_cache_purges_total', { method: 'PURGE' })).to.be.at.least(1);
    const sent = valueOf(text, 'smilecook_cache_purges_total', { method: 'PURGE' });
    expect(valueOf(text, 'smilecook_cache_purge_failures_total', { method: 'PURGE' })).to.equal(sent);
    // Two registrations' mails wait for a mail server that never answers: the oldest is older than the newest write.
    const [{ depth, age }] = await server.sql<{ depth: string; age: number }>(
      'select count(*) as depth, extract(epoch from now() - min(created_at))::float as age from mail_outbox where sent_at is null');
    expect(valueOf(text, 'smilecook_mail_outbox_depth')).to.equal(Number(depth)).and.to.be.at.least(2);
    expect(valueOf(text, 'smilecook_mail_outbox_oldest_age_seconds')).to.be.above(0).and.at.most(age! + 1);
    expect(valueOf(text, 'smilecook_db_pool_connections_max')).to.equal(server.config.databasePoolMax);
    expect(valueOf(text, 'smilecook_ready')).to.equal(1);
    expect(valueOf(text, 'smilecook_dependency_up', { dependency: 'database' })).to.equal(1);
    for (const name of ['smilecook_db_pool_connections_in_use', 'smilecook_db_pool_connections_idle', 'smilecook_db_pool_waiting']) {
      expect(valueOf(text, name), name).to.be.at.least(0);
    }
  });

  it('exposes the event-loop delay and the process\'s memory and CPU (prom-client\'s defaults)', async () => {
    const text = await scrape(server);
    const names = ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'process_cpu_user_seconds_total', 'process_resident_memory_bytes'];
    for (const name of [...names, 'nodejs_heap_size_used_bytes']) {
      expect(valueOf(text, name), name).to.be.a('number');
    }
  });

  it('keeps labels bounded: no path, id, username, query, token or address ever becomes a label value', async () => {
    const marker = `zz${Date.now().toString(36)}`;
    const tries: Array<[string, string, Record<string, string>?]> = [
      ['GET', `/recipes/8${Date.now()}`], ['GET', `/users/${cook.username}`], ['GET', `/users/${marker}user/recipes`],
      ['GET', `/recipes?q=${marker}query&page=2`], ['GET', `/activation/${marker}TokenTokenTokenTokenTokenTokenToken1`],
      ['GET', `/${marker}/deep/path?token=${marker}`], ['POST', `/recipes/${marker}`], ['GET', `/images/${marker}.webp`],
      ['GET', '/recipes', { 'X-Forwarded-For': '203.0.113.77', 'User-Agent': `${marker}-agent`, traceparent: `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01` }],
      ['OPTIONS', `/recipes/${marker}`],
    ];
    for (const [method, path, headers] of tries) await (await server.fetch(path, { method, headers: { Accept: HAL, ...headers } })).arrayBuffer();
    const text = await scrape(server);
    for (const secret of [marker, cook.username, '203.0.113.77', 'abababab', '8' + String(Date.now()).slice(0, 6)]) {
      expect(text, secret).to.not.include(secret);
    }
    const known = new Set([...allAffordances.map((affordance) => affordance.id), ...Object.values(UNROUTED_ACTIONS)]);
    const ours = samples(text).filter((sample) => sample.name.startsWith('smilecook_'));
    expect(ours.filter((sample) => sample.labels.action !== undefined && !known.has(sample.labels.action)).map((s) => s.labels.action)).to.deep.equal([]);
    expect(ours.filter((sample) => sample.labels.status !== undefined && !/^[1-5]xx$/.test(sample.labels.status)).map((s) => s.labels.status)).to.deep.equal([]);
    const labelNames = new Set(ours.flatMap((sample) => Object.keys(sample.labels)));
    expect([...labelNames].sort()).to.deep.equal(['action', 'dependency', 'le', 'method', 'policy', 'status']);
  });
});
