import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule.default;

/** The one ajv instance: strict mode, formats, every error reported (verbose: messages read the failing schema). */
export const ajv = new Ajv({ strict: true, allErrors: true, verbose: true, coerceTypes: false, useDefaults: false });
addFormats(ajv, ['email', 'date-time', 'uri']);

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
