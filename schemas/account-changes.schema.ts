import type { FromSchema } from 'json-schema-to-ts';
import { registerSchema } from './account.schema.ts';

/** The bodies of the account's life after registration (API.md §3): recovery, changes, sessions, deletion. */

const email = { type: 'string', format: 'email', maxLength: 254, title: 'Email address' } as const;
/** A new password follows the rules of `register` (length only, not a common one). */
const newPassword = { ...registerSchema.properties.password, title: 'New password' } as const;
const currentPassword = {
  type: 'string', title: 'Current password', description: 'Your password now: every change to the account asks for it.',
  minLength: 1, maxLength: 256, writeOnly: true,
} as const;

/** `forgot-password` (POST /password-resets). */
export const forgotPasswordSchema = {
  $id: 'forgot-password',
  title: 'Forgot your password? Get a reset link by email',
  type: 'object',
  properties: { email },
  required: ['email'],
  additionalProperties: false,
} as const;
export type ForgotPasswordBody = FromSchema<typeof forgotPasswordSchema>;

/** `reset-password` (POST /password-reset/{token}). */
export const resetPasswordSchema = {
  $id: 'reset-password',
  title: 'Choose a new password',
  type: 'object',
  properties: { password: newPassword },
  required: ['password'],
  additionalProperties: false,
} as const;
export type ResetPasswordBody = FromSchema<typeof resetPasswordSchema>;

/** `change-password` (POST /users/{username}/password). */
export const changePasswordSchema = {
  $id: 'change-password',
  title: 'Change your password',
  type: 'object',
  properties: { current_password: currentPassword, new_password: newPassword },
  required: ['current_password', 'new_password'],
  additionalProperties: false,
} as const;
export type ChangePasswordBody = FromSchema<typeof changePasswordSchema>;

/** `change-email` (POST /users/{username}/email). */
export const changeEmailSchema = {
  $id: 'change-email',
  title: 'Change your email address',
  type: 'object',
  properties: { current_password: currentPassword, new_email: { ...email, title: 'New email address' } },
  required: ['current_password', 'new_email'],
  additionalProperties: false,
} as const;
export type ChangeEmailBody = FromSchema<typeof changeEmailSchema>;

/** `confirm-email` (POST /email-confirmation/{token}): no body is needed; any body is ignored. */
export const confirmEmailSchema = {
  $id: 'confirm-email',
  title: 'Confirm the new email address',
  type: 'object',
  properties: {},
  additionalProperties: true,
} as const;

/** `delete-account` (POST /users/{username}/deletion). */
export const deleteAccountSchema = {
  $id: 'delete-account',
  title: 'Delete your account and all your recipes',
  type: 'object',
  properties: { password: { ...currentPassword, title: 'Password', description: 'Your password, to confirm that the account and its recipes go.' } },
  required: ['password'],
  additionalProperties: false,
} as const;
export type DeleteAccountBody = FromSchema<typeof deleteAccountSchema>;

/** A login (`/users/{username}/sessions/{id}`): read only; its one unsafe method, DELETE (`revoke`), takes no body. */
export const sessionSchema = {
  $id: 'session',
  title: 'Login session',
  type: 'object',
  properties: {
    id: { type: 'integer', title: 'Id', readOnly: true },
    created_at: { type: 'string', format: 'date-time', title: 'Logged in at', maxLength: 40, readOnly: true },
    last_used_at: { type: 'string', format: 'date-time', title: 'Last used at', maxLength: 40, readOnly: true },
    user_agent: { type: 'string', title: 'Browser or app (its User-Agent at login)', maxLength: 200, readOnly: true },
    current: { type: 'boolean', title: 'The session of this request', readOnly: true },
  },
  additionalProperties: false,
} as const;
