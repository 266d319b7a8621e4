/**
 * Every kind of problem the API reports (RFC 9457). The slug is the last segment of the
 * problem's `type` URI (`/problems/<slug>`), which serves the description below.
 * Domain code throws `AppError` (app-error.ts) with one of these slugs; src/http renders it.
 */
export const problemTypes = {
  'not-found': { status: 404, title: 'Not found', description: 'No resource exists at this URI, or it is not visible to the caller.' },
  'method-not-allowed': {
    status: 405, title: 'Method not allowed',
    description: 'The resource does not support this HTTP method; the Allow header lists those it does.',
  },
  'not-acceptable': {
    status: 406, title: 'Not acceptable',
    description: 'None of the media types in the Accept header can be served. The API serves application/hal+json, '
      + 'application/prs.hal-forms+json and text/html.',
  },
  'malformed-json': { status: 400, title: 'Malformed JSON', description: 'The request body could not be parsed as JSON.' },
  'invalid-query': {
    status: 400, title: 'Invalid query parameters',
    description: 'A query parameter is unknown, repeated or has a value outside what the resource accepts; '
      + 'errors[].pointer names each one as /query/<name>.',
  },
  'body-too-deep': {
    status: 400, title: 'Body nested too deeply',
    description: 'The JSON body is nested more than 32 levels deep; no resource accepts such a body.',
  },
  'validation-failed': {
    status: 422, title: 'Validation failed',
    description: 'The request body does not satisfy the JSON Schema of the target (see the resource\'s rel="profile" link); '
      + 'errors[].pointer names each offending member.',
  },
  'payload-too-large': {
    status: 413, title: 'Payload too large',
    description: 'The request body is larger than the resource accepts (JSON bodies: 100 kB; images: 5 MiB).',
  },
  'unsupported-media-type': {
    status: 415, title: 'Unsupported media type',
    description: 'The request body\'s Content-Type (or, for images, its actual content) is not one the resource accepts.',
  },
  'unauthorized': {
    status: 401, title: 'Authentication required',
    description: 'The request needs a valid access token in an "Authorization: Bearer" header.',
  },
  'invalid-token': {
    status: 401, title: 'Invalid token',
    description: 'The access token is malformed, expired, revoked, or was not issued by this API for this purpose.',
  },
  'invalid-credentials': { status: 401, title: 'Invalid credentials', description: 'The username/email and password do not match an account.' },
  'invalid-refresh-token': {
    status: 401, title: 'Invalid refresh token',
    description: 'The refresh token is unknown, expired or revoked. Reusing a rotated refresh token revokes its whole family.',
  },
  'account-inactive': {
    status: 403, title: 'Account not activated',
    description: 'The account exists but its email address has not been confirmed yet. Follow the link in the activation email, or ask '
      + 'for a new one with resend-activation.',
  },
  'forbidden': { status: 403, title: 'Forbidden', description: 'The caller is authenticated but may not perform this action on this resource.' },
  'username-taken': {
    status: 409, title: 'Username taken',
    description: 'Another account already uses this username (usernames are compared case-insensitively).',
  },
  'conflict': { status: 409, title: 'Conflict', description: 'The request conflicts with the current state of the resource.' },
  'precondition-failed': {
    status: 412, title: 'Precondition failed',
    description: 'The If-Match header does not name the current ETag of the resource: it changed since you read it. Fetch it again and retry.',
  },
  'activation-gone': {
    status: 410, title: 'Activation link no longer valid',
    description: 'This activation link was already used, was replaced by a newer one (resend-activation), or has expired (after 24 '
      + 'hours). Ask for a new one with resend-activation.',
  },
  'wrong-password': {
    status: 403, title: 'Wrong password',
    description: 'The current password sent with this change is not the account\'s. Each wrong one counts as a failed login: after 10 within '
      + '15 minutes every attempt on the account is refused (429) until the window ends.',
  },
  'password-reset-gone': {
    status: 410, title: 'Password reset link no longer valid',
    description: 'This password reset link was already used, was replaced by a newer one, or has expired (after 1 hour). Ask for a new one '
      + 'with forgot-password.',
  },
  'email-confirmation-gone': {
    status: 410, title: 'Email confirmation link no longer valid',
    description: 'This email confirmation link was already used, was replaced by a newer change, or has expired (after 24 hours). Ask for '
      + 'the change again with change-email.',
  },
  'email-taken': {
    status: 409, title: 'Email address taken',
    description: 'Another account (active or awaiting activation) has taken this email address since the change was asked for.',
  },
  'image-invalid': { status: 422, title: 'Image not usable', description: 'The image could not be decoded, or it is larger than 25 megapixels.' },
  'too-many-requests': { status: 429, title: 'Too many requests', description: 'A rate limit was exceeded; retry after the number of seconds in Retry-After.' },
  'request-timeout': { status: 408, title: 'Request timeout', description: 'The request was not received completely in time.' },
  'headers-too-large': { status: 431, title: 'Request header fields too large', description: 'The request\'s headers are too large.' },
  'bad-request': { status: 400, title: 'Bad request', description: 'The request is not well-formed HTTP or is otherwise not understood.' },
  'not-implemented': { status: 501, title: 'Not implemented', description: 'The request method is not supported for any resource of this API.' },
  'service-unavailable': {
    status: 503, title: 'Service unavailable',
    description: 'A service the API depends on (such as the database) is not reachable right now. Retry later.',
  },
  'internal-error': { status: 500, title: 'Internal server error', description: 'The server failed unexpectedly. The failure has been logged.' },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

export type ProblemSlug = keyof typeof problemTypes;
