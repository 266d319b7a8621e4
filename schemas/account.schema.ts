import type { FromSchema } from 'json-schema-to-ts';

const email = { type: 'string', format: 'email', maxLength: 254, title: 'Email address' } as const;

/** `register` (POST /users): API.md §3. Password rules per NIST SP 800-63B-4: length only. */
export const registerSchema = {
  $id: 'register',
  title: 'Create an account',
  type: 'object',
  properties: {
    username: {
      type: 'string', title: 'Username', description: '3–30 letters, digits, "_", "." or "-"; unique, case-insensitively.',
      minLength: 3, maxLength: 30, pattern: '^[A-Za-z0-9_.-]{3,30}$',
    },
    email,
    password: {
      type: 'string', title: 'Password', description: '15–256 characters, not a common password.',
      minLength: 15, maxLength: 256, writeOnly: true,
    },
  },
  required: ['username', 'email', 'password'],
  additionalProperties: false,
} as const;
export type RegisterBody = FromSchema<typeof registerSchema>;

/** `login` (POST /tokens). */
export const loginSchema = {
  $id: 'login',
  title: 'Log in',
  type: 'object',
  properties: {
    username: { type: 'string', title: 'Username or email', minLength: 1, maxLength: 254 },
    password: { type: 'string', title: 'Password', minLength: 1, maxLength: 256, writeOnly: true },
  },
  required: ['username', 'password'],
  additionalProperties: false,
} as const;
export type LoginBody = FromSchema<typeof loginSchema>;

const refreshToken = { type: 'string', title: 'Refresh token', minLength: 1, maxLength: 200 } as const;

/** `refresh` (POST /tokens/refresh). */
export const refreshSchema = {
  $id: 'refresh',
  title: 'Refresh the access token',
  type: 'object',
  properties: { refresh_token: refreshToken },
  required: ['refresh_token'],
  additionalProperties: false,
} as const;
export type RefreshBody = FromSchema<typeof refreshSchema>;

/** `logout` (POST /tokens/revoke). */
export const logoutSchema = {
  $id: 'logout',
  title: 'Log out',
  type: 'object',
  properties: { refresh_token: refreshToken },
  required: ['refresh_token'],
  additionalProperties: false,
} as const;
export type LogoutBody = FromSchema<typeof logoutSchema>;

/** `resend-activation` (POST /activation). */
export const resendActivationSchema = {
  $id: 'resend-activation',
  title: 'Send the activation email again',
  type: 'object',
  properties: { email },
  required: ['email'],
  additionalProperties: false,
} as const;
export type ResendActivationBody = FromSchema<typeof resendActivationSchema>;

/** `activate` (POST /activation/{token}): no body is needed; any body is ignored. */
export const activateSchema = {
  $id: 'activate',
  title: 'Activate the account',
  type: 'object',
  properties: {},
  additionalProperties: true,
} as const;

/** A user's representation (GET /users/{username}); its only unsafe method is the avatar (edit-media). */
export const userSchema = {
  $id: 'user',
  title: 'User',
  type: 'object',
  properties: {
    id: { type: 'integer', title: 'Id', readOnly: true },
    username: { type: 'string', title: 'Username', maxLength: 30, readOnly: true },
    email: { ...email, readOnly: true },
    avatar_url: { type: 'string', nullable: true, title: 'Avatar image URL', maxLength: 2048, readOnly: true },
    created_at: { type: 'string', format: 'date-time', title: 'Created at', maxLength: 40, readOnly: true },
  },
  additionalProperties: false,
} as const;
