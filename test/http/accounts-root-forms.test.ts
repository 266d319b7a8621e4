import { expect } from 'chai';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { registerSchema, resendActivationSchema } from '../../schemas/account.schema.ts';
import { ACCOUNT_TEST_ENV, createUser, newCredentials, postJson, type TestUser } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL_FORMS = 'application/prs.hal-forms+json';
const addFormats = addFormatsModule.default;

interface FormProperty { name: string; type?: string; required?: boolean; minLength?: number; maxLength?: number; regex?: string }

/** The root's account templates (API.md §2) and the schemas behind them (§9). */
describe('accounts: root templates and the schemas behind them', () => {
  let server: TestServer;
  let user: TestUser;
  before(async () => {
    server = await startTestServer({ env: ACCOUNT_TEST_ENV });
    user = await createUser(server);
  });
  after(async () => {
    await server?.close();
  });

  it('offers register, resend-activation, login and refresh to anonymous callers, and neither me nor logout', async () => {
    const root = await server.client().go().get();
    for (const name of ['register', 'resend-activation', 'login', 'refresh']) expect(root.hasAction(name), name).to.equal(true);
    expect(root.hasAction('logout')).to.equal(false);
    expect(root.links.has('me')).to.equal(false);
    expect(root.action('register').method).to.equal('POST');
    expect(root.action('resend-activation').method).to.equal('POST');
  });

  it('offers me, logout and refresh to authenticated callers, and neither register, resend-activation nor login', async () => {
    const root = await user.client.go().get();
    for (const name of ['logout', 'refresh']) expect(root.hasAction(name), name).to.equal(true);
    for (const name of ['register', 'resend-activation', 'login']) expect(root.hasAction(name), name).to.equal(false);
    expect(root.links.has('me')).to.equal(true);
  });

  it('describes the register fields with the schema\'s rules (required, lengths, regex, email, password)', async () => {
    const res = await server.fetch('/', { headers: { Accept: HAL_FORMS } });
    const body = await res.json() as { _templates: Record<string, { properties: FormProperty[]; contentType: string }> };
    const properties = Object.fromEntries(body._templates.register!.properties.map((p) => [p.name, p]));
    expect(body._templates.register!.contentType).to.equal('application/json');
    expect(properties.username).to.include({ type: 'text', required: true, minLength: 3, maxLength: 30, regex: '^[A-Za-z0-9_.-]{3,30}$' });
    expect(properties.email).to.include({ type: 'email', required: true, maxLength: 254 });
    expect(properties.password).to.include({ type: 'password', required: true, minLength: 15, maxLength: 256 });
    expect(properties.password).to.not.have.property('value');
    const resend = body._templates['resend-activation']!.properties;
    expect(resend.map((p) => p.name)).to.deep.equal(['email']);
    expect(resend[0]).to.include({ type: 'email', required: true });
  });

  it('serves under /schemas/… exactly the schemas the server validates with', async () => {
    for (const schema of [registerSchema, resendActivationSchema]) {
      const res = await server.fetch(`/schemas/${schema.$id}`);
      expect(res.headers.get('content-type')).to.match(/^application\/schema\+json/);
      const { $schema, $id, ...served } = await res.json() as Record<string, unknown>;
      expect($schema).to.be.a('string');
      expect($id).to.match(new RegExp(`/schemas/${schema.$id}$`));
      const { $id: _, ...validated } = schema;
      expect(served).to.deep.equal(JSON.parse(JSON.stringify(validated)));
    }
  });

  it('accepts and rejects register bodies exactly as the served schema says', async () => {
    const document = await (await server.fetch('/schemas/register')).json() as Record<string, unknown>;
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv, ['email', 'date-time', 'uri']);
    const validate = ajv.compile(document);
    const target = (await server.client().go().get()).action('register').uri;
    const variants: Record<string, unknown>[] = [
      {}, { username: 'ab' }, { username: 'x'.repeat(31) }, { username: 'a b c' }, { email: 'nope' }, { email: 7 },
      { password: 'y'.repeat(14) }, { password: 'y'.repeat(257) }, { password: '🍲'.repeat(15) }, { extra: true },
      { username: 'Ünïcode' }, { password: null },
    ];
    for (const variant of variants) {
      const body = Object.fromEntries(Object.entries({ ...newCredentials(), ...variant }).filter(([, v]) => v !== undefined));
      const expected = validate(body) ? 202 : 422;
      const res = await postJson(target, body);
      expect(res.status, JSON.stringify(variant)).to.equal(expected);
    }
    const missing: Record<string, unknown> = newCredentials();
    delete missing.email;
    expect(validate(missing)).to.equal(false);
    expect((await postJson(target, missing)).status).to.equal(422);
  });
});
