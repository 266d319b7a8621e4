import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { problemTypes } from '../../src/core/problem-catalog.ts';
import { createUser, newCredentials, postJson, templateTarget, activationLinkFor } from '../support/accounts.ts';
import { makeImage, putImage } from '../support/images.ts';
import { createRecipe, publishedRecipe, send, HAL_FORMS } from '../support/recipes.ts';
import { citations, sections, speaksOf, TOPICS } from '../support/doc-citations.ts';
import { mailedLinkFor } from '../support/account-life.ts';
import { loginPair } from '../support/tokens.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const docs = readFileSync(new URL('../../docs/API.md', import.meta.url), 'utf8');

/** The names in the first column of every table whose header starts with `column` (`` `a`, `b` `` → a, b). */
function documented(column: string): Set<string> {
  const names = new Set<string>();
  const lines = docs.split('\n');
  lines.forEach((line, i) => {
    if (!line.startsWith(`| ${column} |`)) return;
    for (let row = i + 2; lines[row]?.startsWith('|'); row += 1) {
      const first = lines[row]!.split('|')[1]!;
      for (const match of first.matchAll(/`([^`]+)`/g)) names.add(match[1]!);
    }
  });
  return names;
}

/** The variables src/config.ts reads (`env.NAME` and the helpers' `(env, 'NAME'`). */
function configuredVariables(): Set<string> {
  const source = readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
  return new Set([...source.matchAll(/\benv\.([A-Z][A-Z0-9_]+)|\(env, '([A-Z][A-Z0-9_]+)'/g)].map((m) => (m[1] ?? m[2])!));
}

/** docs/API.md is the project's own description of its API: checked here against the server, both ways. */
describe('docs/API.md: every documented name exists, and every existing one is documented', () => {
  let server: TestServer;
  const rels = new Set<string>();
  const templates = new Set<string>();
  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    const cook = await createUser(server);
    const collect = (body: { _links?: object; _templates?: object; _embedded?: { item?: Array<{ _links?: object }> } }) => {
      for (const rel of Object.keys(body._links ?? {})) rels.add(rel);
      for (const name of Object.keys(body._templates ?? {})) templates.add(name);
    };
    const get = async (url: string, token: string | null) => collect((await send(server, 'GET', url, token, undefined, { Accept: HAL_FORMS })).body);
    await get(server.root, null);
    await get(server.root, cook.accessToken);
    const draft = await createRecipe(cook, { name: 'Draft with a cover' });
    const cover = (await send(server, 'GET', draft, cook.accessToken)).body._links['edit-media'].href as string;
    await putImage(server, cover, cook.accessToken, await makeImage('png', 40, 40), 'image/png');
    await get(draft, cook.accessToken);
    const published = await publishedRecipe(cook, { name: 'Published' });
    await publishedRecipe(cook, { name: 'Another' });
    await get(published, cook.accessToken);
    const meLink = (await send(server, 'GET', server.root, cook.accessToken)).body._links.me.href;
    const me = (await send(server, 'GET', new URL(meLink, server.root).href, cook.accessToken)).body;
    collect(me);
    await putImage(server, new URL(me._links['edit-media'].href, server.root).href, cook.accessToken, await makeImage('png', 40, 40), 'image/png');
    await get(new URL(me._links.self.href, server.root).href, cook.accessToken);
    for (const page of ['', '&page=2']) await get(new URL(`/recipes?per_page=1${page}`, server.root).href, cook.accessToken);
    // The account's life after registration (issue 18): sessions (with another login, so revoke-others
    // is offered), one session, a password reset link and an email confirmation link.
    await loginPair(server, cook.username, cook.password);
    const sessions = (await send(server, 'GET', new URL(me._links.sessions.href, server.root).href, cook.accessToken, undefined, { Accept: HAL_FORMS })).body;
    collect(sessions);
    await get(new URL(sessions._embedded.item[0]._links.self.href, server.root).href, cook.accessToken);
    await postJson(await templateTarget(server, 'forgot-password'), { email: cook.email });
    await get(await mailedLinkFor(server, cook.email, 'password-reset'), null);
    await postJson(new URL(me._templates['change-email'].target, server.root).href, { current_password: cook.password, new_email: `new.${cook.email}` },
      { Authorization: `Bearer ${cook.accessToken}` });
    await get(await mailedLinkFor(server, `new.${cook.email}`, 'email-confirmation'), null);
    const pending = newCredentials();
    await postJson(await templateTarget(server, 'register'), pending);
    await get(await activationLinkFor(server, pending.email), null);
  });
  after(async () => {
    await server?.close();
  });

  it('names every link relation the server sends, and no other', () => {
    expect(rels.size).to.be.greaterThan(12);
    expect([...documented('rel')].sort()).to.deep.equal([...rels].sort());
  });

  it('names every template the server offers, and no other', () => {
    expect(templates.size).to.be.greaterThan(10);
    expect([...documented('template')].sort()).to.deep.equal([...templates].sort());
  });

  it('lists every problem type with its status, and no other', () => {
    expect([...documented('type')].sort()).to.deep.equal(Object.keys(problemTypes).sort());
    for (const [slug, type] of Object.entries(problemTypes)) expect(docs, slug).to.include(`| \`${slug}\` | ${type.status} |`);
  });

  it('documents every configuration variable the server reads, and no other', () => {
    expect([...documented('variable')].sort()).to.deep.equal([...configuredVariables()].sort());
  });
});

describe('docs/API.md: sections that code can cite', () => {
  const numbered = sections(docs);
  const cited = citations(fileURLToPath(new URL('../..', import.meta.url)), ['src', 'resources', 'schemas', 'bench', 'deploy']);

  it('numbers each section once, from §1 on without gaps', () => {
    expect([...numbered.values()].filter((text) => text.includes('<<duplicate>>'))).to.deep.equal([]);
    expect([...numbered.keys()]).to.deep.equal(Array.from({ length: numbered.size }, (_, i) => String(i + 1)));
  });

  it('has every section the code cites', () => {
    expect(cited.length).to.be.greaterThan(60);
    expect(cited.filter((c) => !numbered.has(c.section)).map((c) => `${c.where} §${c.section}`)).to.deep.equal([]);
  });

  it('speaks, in each comment citing a section, of what that section is about', () => {
    expect(Object.keys(TOPICS)).to.include.members([...numbered.keys()]);
    expect(cited.filter((c) => !speaksOf(c)).map((c) => `${c.where} §${c.section}: ${c.text.trim().slice(0, 100)}`)).to.deep.equal([]);
  });
});
