import { registerSchemas, type JsonSchemaDocument } from './ajv.ts';
import { rootSchema } from './root.schema.ts';

/** Every schema the API validates with and serves under /schemas/<$id>. Add new ones here. */
export const allSchemas: JsonSchemaDocument[] = [rootSchema];

/** Compiles every schema once, at start: a broken schema stops the start. */
export function compileSchemas(): void {
  registerSchemas(...allSchemas);
}
