import { registerSchemas, type JsonSchemaDocument } from './ajv.ts';
import { rootSchema } from './root.schema.ts';
import {
  activateSchema, loginSchema, logoutSchema, refreshSchema, registerSchema, resendActivationSchema, userSchema,
  type LoginBody, type LogoutBody, type RefreshBody, type RegisterBody, type ResendActivationBody,
} from './account.schema.ts';
import {
  changeEmailSchema, changePasswordSchema, confirmEmailSchema, deleteAccountSchema, forgotPasswordSchema, resetPasswordSchema, sessionSchema,
  type ChangeEmailBody, type ChangePasswordBody, type DeleteAccountBody, type ForgotPasswordBody, type ResetPasswordBody,
} from './account-changes.schema.ts';
import {
  recipeCreateSchema, recipeEditSchema, recipesQuerySchema, userRecipesQuerySchema,
  type RecipeCreate, type RecipeEdit, type RecipesQuery, type UserRecipesQuery,
} from './recipe.schema.ts';

/** Every schema the API validates with and serves under /schemas/<$id>. Add new ones here. */
export const allSchemas: JsonSchemaDocument[] = [
  rootSchema,
  registerSchema, loginSchema, refreshSchema, logoutSchema, resendActivationSchema, activateSchema, userSchema,
  forgotPasswordSchema, resetPasswordSchema, changePasswordSchema, changeEmailSchema, confirmEmailSchema, deleteAccountSchema, sessionSchema,
  recipeCreateSchema, recipeEditSchema, recipesQuerySchema, userRecipesQuerySchema,
];

/** Compiles every schema once, at start: a broken schema stops the start. */
export function compileSchemas(): void {
  registerSchemas(...allSchemas);
}

/** What each validating schema admits, by $id (each computed once with FromSchema, next to its schema). */
export interface ValidatedTypes {
  register: RegisterBody;
  login: LoginBody;
  refresh: RefreshBody;
  logout: LogoutBody;
  'resend-activation': ResendActivationBody;
  'forgot-password': ForgotPasswordBody;
  'reset-password': ResetPasswordBody;
  'change-password': ChangePasswordBody;
  'change-email': ChangeEmailBody;
  'delete-account': DeleteAccountBody;
  'recipe-create': RecipeCreate;
  'recipe-edit': RecipeEdit;
  'recipes-query': RecipesQuery;
  'user-recipes-query': UserRecipesQuery;
}

/** The type a schema validates: `parseBody(req, recipeEditSchema)` is a `RecipeEdit`, whatever the caller wishes. */
export type ValidatedBy<S> = S extends { readonly $id: infer Id extends keyof ValidatedTypes } ? ValidatedTypes[Id] : never;
