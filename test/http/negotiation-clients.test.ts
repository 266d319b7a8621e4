import { expect } from 'chai';
import traverson from 'traverson';
import JsonHalAdapter from 'traverson-hal';
import { ACCOUNT_TEST_ENV, newCredentials, postJson, templateTarget } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

traverson.registerMediaType(JsonHalAdapter.mediaType, JsonHalAdapter);

const HAL = 'application/hal+json';
const HAL_FORMS = 'application/prs.hal-forms+json';

/** Follows rels with traverson, choosing its HAL adapter from each response's Content-Type. */
function traverse(root: string, rels: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    traverson.from(root).useContentNegotiation().follow(...rels).getResource((error, resource) => (error ? reject(error) : resolve(resource)));
  });
}

describe('negotiation as generic clients expect it (API.md §1)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: ACCOUNT_TEST_ENV });
  });
  after(async () => {
    await server?.close();
  });

  it('serves plain HAL to wildcards, to no Accept at all and to application/json', async () => {
    const accepts: Array<string | undefined> = ['*/*', 'application/*', undefined, 'application/json'];
    for (const accept of accepts) {
      const res = await fetch(server.root, { headers: accept === undefined ? {} : { Accept: accept } });
      expect(res.status, String(accept)).to.equal(200);
      expect(res.headers.get('content-type'), String(accept)).to.match(/^application\/hal\+json/);
      expect((await res.json())._templates, 'templates stay in HAL').to.have.property('login');
    }
  });

  it('serves HAL-FORMS only to a range that names it, with the tie rule of explicit ranges', async () => {
    const cases: Array<[string, string]> = [
      [HAL_FORMS, HAL_FORMS], [`${HAL}, ${HAL_FORMS}`, HAL_FORMS], [`*/*, ${HAL_FORMS}`, HAL_FORMS],
      [`${HAL_FORMS};q=0.5, ${HAL}`, HAL], [`${HAL_FORMS};q=0.5, application/json`, HAL],
    ];
    for (const [accept, type] of cases) {
      const res = await fetch(server.root, { headers: { Accept: accept } });
      expect(res.headers.get('content-type'), accept).to.equal(`${type}; charset=utf-8`);
    }
  });

  it('lets traverson (content negotiation, HAL adapter) walk from the root to a collection', async () => {
    const recipes = await traverse(server.root, ['recipes']);
    expect(recipes).to.include({ page: 1, total: 0 });
    expect(recipes._embedded).to.deep.equal({ item: [] });
  });

  it('answers unsafe methods in the negotiated type: login and register', async () => {
    const login = await postJson(await templateTarget(server, 'login'), { username: 'nobody_here', password: 'wrong password here' }, { Accept: HAL });
    expect(login.status).to.equal(401);
    expect(login.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const register = await templateTarget(server, 'register');
    for (const [accept, type] of [[HAL, HAL], ['*/*', HAL], [HAL_FORMS, HAL_FORMS]] as const) {
      const res = await postJson(register, newCredentials(), { Accept: accept });
      expect(res.status).to.equal(202);
      expect(res.headers.get('content-type'), accept).to.equal(`${type}; charset=utf-8`);
      expect(res.headers.get('cache-control')).to.equal('no-store');
      expect(res.headers.get('vary')).to.match(/Accept/);
      const body = await res.json();
      expect(body._links.index.href).to.equal('/');
      expect(body.detail).to.match(/email/i);
    }
  });

  it('refuses an unsafe request whose Accept allows no representation with 406, before doing anything', async () => {
    const credentials = newCredentials();
    const res = await postJson(await templateTarget(server, 'register'), credentials, { Accept: 'image/png' });
    expect(res.status).to.equal(406);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(await server.sql('select 1 from users where username = ?', [credentials.username])).to.have.length(0);
  });
});
