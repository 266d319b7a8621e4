import { problemTypes, type ProblemSlug } from './problem-catalog.ts';

export interface FieldError {
  /** JSON Pointer into the request body, or `/query/<param>`. */
  pointer: string;
  detail: string;
}

/** An error that becomes a problem+json response; thrown by domain and HTTP code alike. */
export class AppError extends Error {
  constructor(
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }

  get status(): number {
    return problemTypes[this.slug].status;
  }
}
