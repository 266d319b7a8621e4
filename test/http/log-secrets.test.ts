import { expect } from 'chai';
import { newCredentials, postJson, templateTarget } from '../support/accounts.ts';
import { capturedLogger } from '../support/log-capture.ts';
import { HAL } from '../support/recipes.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface Tokens { access_token: string; refresh_token: string }

/**
 * API.md §13: one JSON line per request (action, method, status, duration, trace id), and with SMTP_URL
 * set no line ever holds a password, a token, a request body or a link from a mail. The flows run with
 * secrets the test knows; then the whole log, at its most verbose level, is searched for each of them.
 */
describe('logs: one line per request, and never a secret', () => {
  let server: TestServer;
  let inbox: SmtpInbox;
  const log = capturedLogger('trace');
  const secrets = new Map<string, string>();
  const keep = (what: string, value: string) => secrets.set(`${what} (${value.slice(0, 12)}…)`, value);
  let requests = 0;
  const call = async (url: string, init: RequestInit = {}) => {
    requests += 1;
    const res = await fetch(url, { ...init, headers: { Accept: HAL, 'Content-Type': 'application/json', ...init.headers } });
    return { status: res.status, body: (await res.text()) };
  };

  before(async function () {
    this.timeout(30_000);
    inbox = await SmtpInbox.start();
    server = await startTestServer({ env: { SMTP_URL: inbox.url, RATE_LIMIT_EXEMPT: '127.0.0.1' }, logger: log.logger });
    const root = JSON.parse((await call(server.root, { headers: { Accept: 'application/prs.hal-forms+json' } })).body) as {
      _templates: Record<string, { target: string }>;
    };
    const target = (name: string) => new URL(root._templates[name]!.target, server.root).href;

    const cook = newCredentials('secretive');
    keep('password', cook.password);
    keep('email', cook.email);
    expect((await call(target('register'), { method: 'POST', body: JSON.stringify(cook) })).status).to.equal(202);
    const mail = await inbox.waitForMailTo(cook.email, /activate/i);
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    expect(links).to.have.length.at.least(1);
    for (const link of links) {
      keep('mail link', link);
      keep('token in a mail link', new URL(link).pathname.split('/').pop()!);
    }
    const activation = server.url + new URL(links.find((link) => link.includes('/activation/'))!).pathname;
    expect((await call(activation)).status).to.equal(200);
    expect((await call(activation, { method: 'POST', body: '{}' })).status).to.be.oneOf([200, 204]);

    const wrong = 'a wrong passphrase that is secret too';
    keep('wrong password', wrong);
    expect((await call(target('login'), { method: 'POST', body: JSON.stringify({ username: cook.username, password: wrong }) })).status).to.equal(401);
    const login = await call(target('login'), { method: 'POST', body: JSON.stringify({ username: cook.email, password: cook.password }) });
    expect(login.status).to.equal(200);
    const first = JSON.parse(login.body) as Tokens;
    keep('access token', first.access_token);
    keep('refresh token', first.refresh_token);
    const refreshed = await call(target('refresh'), { method: 'POST', body: JSON.stringify({ refresh_token: first.refresh_token }) });
    const second = JSON.parse(refreshed.body) as Tokens;
    keep('refreshed access token', second.access_token);
    keep('refreshed refresh token', second.refresh_token);
    const bearer = { Authorization: `Bearer ${second.access_token}` };

    const marker = `body-marker-${Date.now().toString(36)}`;
    keep('a request body', marker);
    const recipes = new URL('/recipes', server.url).href;
    const created = await call(recipes, { method: 'POST', headers: bearer, body: JSON.stringify({ name: 'Quiet quiche', description: marker }) });
    expect(created.status).to.equal(201);
    // A body the server refuses is not logged either.
    expect((await call(recipes, { method: 'POST', headers: bearer, body: JSON.stringify({ name: marker, password: marker }) })).status).to.equal(422);
    expect((await call(target('login'), { method: 'POST', body: `{"username": "${marker}", ` })).status).to.equal(400);
    expect((await call(await templateTarget(server, 'logout', second.access_token), {
      method: 'POST', headers: bearer, body: JSON.stringify({ refresh_token: second.refresh_token }),
    })).status).to.equal(204);
    requests += 1;
    // A refresh token used again after rotation is refused (and its family revoked), never logged.
    expect((await call(target('refresh'), { method: 'POST', body: JSON.stringify({ refresh_token: first.refresh_token }) })).status).to.equal(401);
    // Secrets where a mistaken client puts them: the query and a path.
    expect((await call(`${recipes}?access_token=${second.access_token}&password=${encodeURIComponent(cook.password)}`)).status).to.be.oneOf([200, 400]);
    expect((await call(`${server.url}/activation/${secrets.get([...secrets.keys()].find((k) => k.startsWith('token'))!)}/x`)).status).to.equal(404);
    // The other links in mails (password reset, email confirmation) carry their secret in the path too.
    for (const path of ['password-reset', 'email-confirmation']) {
      const token = `${path}-token-${Date.now().toString(36)}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`;
      keep(`a ${path} token`, token);
      expect((await call(`${server.url}/${path}/${token}`)).status).to.be.within(200, 499);
    }
    const another = newCredentials('resend');
    keep('another email', another.email);
    await postJson(target('register'), another);
    requests += 1;
    await inbox.waitForMailTo(another.email, /activate/i);
  });
  after(async () => {
    await server?.close();
    await inbox?.close();
  });

  it('logs each request once: action, method, status, duration and trace id — no path, query or body', () => {
    const lines = log.lines.filter((line) => line.msg === 'request');
    expect(lines.length).to.be.at.least(requests);
    for (const line of lines) {
      expect(Object.keys(line).sort()).to.deep.equal(['action', 'hostname', 'level', 'method', 'ms', 'msg', 'pid', 'status', 'time', 'trace_id']);
      expect(line.trace_id).to.match(/^[0-9a-f]{32}$/);
      expect(line.ms).to.be.a('number');
    }
    const actions = lines.map((line) => `${String(line.action)} ${String(line.status)}`);
    expect(actions).to.include.members([
      'register 202', 'activation 200', 'login 401', 'login 200', 'refresh 200', 'create 201', 'create 422', 'login 400', 'refresh 401', 'logout 204',
      'unknown 404',
    ]);
  });

  it('holds none of the secrets the flows used, anywhere in the whole log', () => {
    const text = log.text();
    expect(log.lines.length).to.be.at.least(requests);
    expect(secrets.size).to.be.at.least(10);
    const found = [...secrets].filter(([, value]) => text.includes(value) || text.includes(encodeURIComponent(value))).map(([what]) => what);
    expect(found).to.deep.equal([]);
  });
});
