import { expect } from 'chai';
import { allSchemas } from '../../schemas/index.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const TYPES = ['string', 'integer', 'number', 'boolean', 'object', 'array'];

/** Every place in a schema document where a `type` keyword sits, with its JSON Pointer. */
function typesIn(value: unknown, pointer = ''): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object') return [];
  const own: Array<[string, unknown]> = 'type' in value ? [[pointer, (value as { type: unknown }).type]] : [];
  return [...own, ...Object.entries(value).flatMap(([key, inner]) => (key === 'enum' ? [] : typesIn(inner, `${pointer}/${key}`)))];
}

/**
 * API.md §9: the schemas under /schemas/… are the ones the server validates with, and clients such as
 * HAL Explorer (which calls `type.toLowerCase()` on every property) and Spring-style profile clients
 * can render each as a labelled form: a title and a single string `type` on every property.
 */
describe('schemas: documents every generic client can render', () => {
  let server: TestServer;
  const documents = new Map<string, Record<string, unknown>>();
  before(async () => {
    server = await startTestServer();
    const index = await (await server.fetch('/schemas')).json() as { schemas: string[] };
    for (const uri of index.schemas) {
      const res = await server.fetch(uri, { headers: { Accept: 'application/schema+json' } });
      expect(res.status, uri).to.equal(200);
      expect(res.headers.get('content-type'), uri).to.match(/^application\/schema\+json/);
      documents.set(uri, await res.json());
    }
  });
  after(async () => {
    await server?.close();
  });

  it('serves every schema the server validates with, and those only', () => {
    expect([...documents.keys()].map((uri) => uri.split('/').pop())).to.have.members(allSchemas.map((schema) => schema.$id));
    for (const schema of allSchemas) {
      const { $schema, $id, ...served } = documents.get(`/schemas/${schema.$id}`)!;
      expect($schema).to.equal('http://json-schema.org/draft-07/schema#');
      expect($id).to.equal(`/schemas/${schema.$id}`);
      const { $id: _id, ...validated } = schema;
      expect(served, schema.$id).to.deep.equal(JSON.parse(JSON.stringify(validated)));
    }
  });

  it('gives every property a title and one string type, anywhere in every document', () => {
    let properties = 0;
    for (const [uri, document] of documents) {
      for (const [pointer, type] of typesIn(document)) {
        expect(type, `${uri}#${pointer}`).to.be.a('string');
        expect(TYPES, `${uri}#${pointer}`).to.include(type);
      }
      for (const [name, property] of Object.entries((document.properties ?? {}) as Record<string, { title?: unknown; type?: unknown }>)) {
        properties += 1;
        expect(property.title, `${uri} ${name}`).to.be.a('string').and.not.equal('');
        expect(property.type, `${uri} ${name}`).to.be.a('string');
      }
    }
    expect(properties, 'the check ran over real properties').to.be.greaterThan(20);
  });

  it('says "clearable" with nullable: the recipe numbers and the avatar URL', () => {
    const edit = documents.get('/schemas/recipe-edit')!.properties as Record<string, Record<string, unknown>>;
    expect(edit.num_of_servings).to.include({ type: 'integer', nullable: true, minimum: 1, maximum: 50 });
    expect(edit.cook_time).to.include({ type: 'integer', nullable: true, minimum: 1, maximum: 1440 });
    const user = documents.get('/schemas/user')!.properties as Record<string, Record<string, unknown>>;
    expect(user.avatar_url).to.include({ type: 'string', nullable: true });
  });
});
