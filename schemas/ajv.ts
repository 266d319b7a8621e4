import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule.default;

/** The one ajv instance: strict mode, formats, every error reported (verbose: messages read the failing schema). */
export const ajv = new Ajv({ strict: true, allErrors: true, verbose: true, coerceTypes: false, useDefaults: false });
addFormats(ajv, ['email', 'date-time', 'uri']);

/**
 * Annotations for people, beside each property's `title` (what the /schemas/… documents and the HAL-FORMS
 * templates show, API.md §1): `prompt`, the label of a form field when it should read otherwise than the
 * title, and `optionPrompts`, the label of each value of an `enum` (`{ "created_at": "Newest first" }`).
 * They validate nothing; strict mode knows them, and checks their own shape, because they are registered here.
 */
ajv.addKeyword({ keyword: 'prompt', schemaType: 'string', metaSchema: { type: 'string', minLength: 1, maxLength: 80 } });
ajv.addKeyword({
  keyword: 'optionPrompts', schemaType: 'object',
  metaSchema: { type: 'object', additionalProperties: { type: 'string', minLength: 1, maxLength: 80 } },
});

export interface JsonSchemaDocument {
  readonly $id: string;
  readonly title: string;
  readonly [key: string]: unknown;
}

const compiled = new Map<string, ValidateFunction>();
const documents = new Map<string, JsonSchemaDocument>();

/** Registers schemas (once, at start) and compiles them. */
export function registerSchemas(...schemas: JsonSchemaDocument[]): void {
  for (const schema of schemas) {
    if (documents.has(schema.$id)) continue;
    documents.set(schema.$id, schema);
    compiled.set(schema.$id, ajv.compile(schema));
  }
}

export function validatorFor(schema: JsonSchemaDocument): ValidateFunction {
  registerSchemas(schema);
  return compiled.get(schema.$id)!;
}

export function schemaDocument(id: string): JsonSchemaDocument | undefined {
  return documents.get(id);
}

export function schemaIds(): string[] {
  return [...documents.keys()];
}
