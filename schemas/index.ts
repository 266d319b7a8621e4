import { registerSchemas, type JsonSchemaDocument } from './ajv.ts';
import { rootSchema } from './root.schema.ts';
import { activateSchema, loginSchema, logoutSchema, refreshSchema, registerSchema, resendActivationSchema, userSchema } from './account.schema.ts';
import { recipeCreateSchema, recipeEditSchema, recipesQuerySchema, userRecipesQuerySchema } from './recipe.schema.ts';

/** Every schema the API validates with and serves under /schemas/<$id>. Add new ones here. */
export const allSchemas: JsonSchemaDocument[] = [
  rootSchema,
  registerSchema, loginSchema, refreshSchema, logoutSchema, resendActivationSchema, activateSchema, userSchema,
  recipeCreateSchema, recipeEditSchema, recipesQuerySchema, userRecipesQuerySchema,
];

/** Compiles every schema once, at start: a broken schema stops the start. */
export function compileSchemas(): void {
  registerSchemas(...allSchemas);
}
