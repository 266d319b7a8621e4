import { expect } from 'chai';
import { clientOn, loginOn, registerAccount, deploymentOrSkip, type Account, type Deployment, type Tokens } from '../support/deployment.ts';
import { eventually } from '../support/eventually.ts';
import { heldRequest } from '../support/held-request.ts';
import { HAL } from '../support/recipes.ts';

/**
 * API.md §12: "An instance that gets SIGTERM finishes its in-flight requests, so a load balancer in
 * front loses none." Requests flow through the real nginx (deploy/nginx.conf) to two server
 * processes while one of them is stopped: nginx retries idempotent requests on the other instance,
 * never a POST that reached an instance, so POSTs must be finished by the instance that took them.
 */
describe('many instances: SIGTERM to one of them behind nginx loses no request', function () {
  this.timeout(120_000);
  let deployment: Deployment;
  let cook: Account;
  let tokens: Tokens;

  before(async function () {
    deployment = await deploymentOrSkip(this);
    cook = await registerAccount(deployment.nginx.url, deployment.inbox);
    tokens = (await loginOn(deployment.nginx.url, cook.username, cook.password)).tokens;
  });
  after(async () => {
    await deployment?.close();
  });

  it('answers every GET, create and login while instance A shuts down; A exits 0; every create is stored once', async () => {
    const via = deployment.nginx.url;
    const client = clientOn(via, tokens.access_token);
    const list = await (await client.go().follow('recipes')).get();
    const create = list.action('create');
    const published = await create.submit({ name: 'Steady soup' });
    const recipe = `${via}${published.links.get('self')!.href}`;
    await (await client.go(recipe).refresh()).action('publish').submit({});
    const login = (await clientOn(via).go().get()).action('login').uri;

    let running = true;
    let created = 0;
    const failures: string[] = [];
    const answered: Record<string, number> = {};
    const json = (body: unknown, extra: Record<string, string> = {}) =>
      ({ method: 'POST', headers: { Accept: HAL, 'Content-Type': 'application/json', ...extra }, body: JSON.stringify(body) });
    const loop = async (kind: string, expected: number, request: () => Promise<Response>) => {
      while (running) {
        try {
          const res = await request();
          await res.arrayBuffer();
          if (res.status !== expected) failures.push(`${kind}: ${res.status}`);
          else if (kind === 'create') created += 1;
        } catch (error) {
          failures.push(`${kind}: ${String(error)}`);
        }
        answered[kind] = (answered[kind] ?? 0) + 1;
      }
    };
    const kinds = ['GET recipe', 'GET list', 'create', 'login'];
    const everyKindAnswered = (since: Record<string, number>) => kinds.every((kind) => (answered[kind] ?? 0) >= (since[kind] ?? 0) + 2);
    const workers = [
      loop('GET recipe', 200, () => fetch(recipe, { headers: { Accept: HAL } })),
      loop('GET recipe', 200, () => fetch(recipe, { headers: { Accept: HAL } })),
      loop('GET list', 200, () => fetch(list.uri, { headers: { Accept: HAL } })),
      loop('create', 201, () => fetch(create.uri, json({ name: `Load ${created}` }, { Authorization: `Bearer ${tokens.access_token}` }))),
      loop('create', 201, () => fetch(create.uri, json({ name: `Load ${created}` }, { Authorization: `Bearer ${tokens.access_token}` }))),
      loop('login', 200, () => fetch(login, json({ username: cook.username, password: cook.password }))),
    ];
    const a = `127.0.0.1:${deployment.a.port}`;
    const someByA = () => deployment.nginx.accessLog().some((line) => line.upstream === a);
    await eventually(() => everyKindAnswered({}) && someByA(), 'requests of every kind answered, some by A');
    const servedByA = deployment.nginx.accessLog().filter((line) => line.upstream === a).length;
    // A burst of logins (argon2id: each takes a while) on its way to both instances when A gets SIGTERM,
    const burst = Promise.all(Array.from({ length: 6 }, () => fetch(login, json({ username: cook.username, password: cook.password })).then((r) => r.status)));
    // and one login A has provably taken (its 100 Continue): its body follows once A is shutting down.
    const held = await heldRequest(`${deployment.a.url}${new URL(login).pathname}`, JSON.stringify({ username: cook.username, password: cook.password }));
    deployment.a.child.kill('SIGTERM');
    await eventually(() => deployment.a.logs.some((line) => String(line.msg).startsWith('shutting down')), 'A logging its shutdown');
    expect((await held.finish()).status, 'the login in flight on A').to.equal(200);
    const code = await deployment.a.exit;
    const atExit = { ...answered };
    await eventually(() => everyKindAnswered(atExit), 'requests of every kind answered again, by B alone now');
    running = false;
    await Promise.all(workers);

    const nginxErrors = deployment.nginx.errorLog().split('\n').filter((line) => /\[error\]/.test(line)).map((line) => line.replace(/^.*?\*\d+ /, ''));
    expect(failures, `requests lost or failed; nginx said: ${nginxErrors.join(' | ')}`).to.deep.equal([]);
    expect(await burst).to.deep.equal([200, 200, 200, 200, 200, 200]);
    expect(servedByA, 'requests A answered before SIGTERM').to.be.greaterThan(0);
    const shutdown = deployment.a.logs.findIndex((line) => String(line.msg).startsWith('shutting down'));
    const finishedAfter = deployment.a.logs.slice(shutdown).filter((line) => line.msg === 'request' && line.method === 'POST');
    expect(shutdown, 'A logged its shutdown').to.be.at.least(0);
    expect(finishedAfter.length, 'POSTs A finished after SIGTERM').to.be.greaterThan(0);
    expect(code, 'A\'s exit code').to.equal(0);
    const own = await (await client.go(`${via}${published.links.get('author')!.href}`).follow('recipes')).get();
    const all = await (await own.follow('search', { visibility: 'all', per_page: 1 })).refresh();
    expect((all.data as { total: number }).total, 'recipes stored').to.equal(created + 1);
  });
});
