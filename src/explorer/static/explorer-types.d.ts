/** The shapes the explorer reads (HAL, HAL-FORMS, RFC 9457) and its own state: for `// @ts-check` (jsconfig.json). */

export interface HalLink {
  href: string;
  title?: string;
  templated?: boolean;
  type?: string;
  name?: string;
  profile?: string;
}

export interface HalFormsOption {
  prompt?: string;
  value?: unknown;
  [field: string]: unknown;
}

export interface HalFormsOptions {
  inline?: Array<HalFormsOption | string | number>;
  selectedValues?: unknown[];
  minItems?: number;
  maxItems?: number;
  promptField?: string;
  valueField?: string;
}

export interface HalFormsProperty {
  name: string;
  prompt?: string;
  type?: string;
  required?: boolean;
  readOnly?: boolean;
  value?: unknown;
  min?: number;
  max?: number;
  step?: number | string;
  minLength?: number;
  maxLength?: number;
  regex?: string;
  placeholder?: string;
  options?: HalFormsOptions;
}

export interface HalFormsTemplate {
  method?: string;
  target?: string;
  title?: string;
  contentType?: string;
  properties?: HalFormsProperty[];
}

export interface HalResource {
  _links?: Record<string, HalLink | HalLink[]>;
  _embedded?: Record<string, HalResource | HalResource[]>;
  _templates?: Record<string, HalFormsTemplate>;
  [property: string]: unknown;
}

export interface FieldError {
  pointer?: string;
  detail?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

/** One answer, as explorer-http reads it. */
export interface Res {
  url: string;
  method: string;
  status: number;
  statusText: string;
  ok: boolean;
  headers: Headers;
  type: string;
  body: unknown;
  text: string;
  blob: Blob | null;
  finalUrl: string;
  problem: Problem | null;
}

/** A form control as the page shows it, made from a HAL-FORMS property (explorer-form-model). */
export interface Field {
  name: string;
  label: string;
  control: 'input' | 'textarea' | 'select' | 'checkbox' | 'hidden';
  inputType: string;
  required: boolean;
  readOnly: boolean;
  /** The value shown at first ('' when none). */
  value: string;
  /** Whether the template gave a value (an edit form's current value): emptying the field then sends it. */
  prefilled: boolean;
  numeric: boolean;
  integer: boolean;
  min?: number;
  max?: number;
  step?: number | string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  placeholder?: string;
  choices?: { value: string; label: string }[];
  multiple: boolean;
  /** What the field accepts, in words, shown before anything is sent. */
  hint: string | null;
  autocomplete: string;
  /** A token of the tab's session: never in the page, read at submit. */
  secret: boolean;
}

/** The logged-in person's own links, from `me`. */
export interface Me {
  self: string;
  title: string;
  recipes: string | null;
  drafts: HalLink | null;
}

export interface Current {
  url: string;
  res: Res;
  selfUrl: string;
  etag: string | null;
}

/** What every module may ask of the page (explorer.js). */
export interface App {
  current: Current | null;
  me: Me | null;
  /** The root's templates and links, as the caller sees them. */
  root: HalResource | null;
  developer: boolean;
  currentUrl(): string;
  navigate(href: string, options?: { keepNotice?: boolean; replace?: boolean }): Promise<void>;
  reload(): Promise<void>;
  rerender(): void;
  refreshSession(): Promise<void>;
  setNotice(element: Node | null, kind?: 'ok' | 'error'): void;
  preconditionFor(target: string, method: string): Record<string, string>;
  collectionHref(): string | undefined;
  lastList(): string | null;
  handleResult(res: Res, context: SubmitContext): Promise<void>;
  openLogin(): void;
}

export interface SubmitContext {
  name: string;
  title?: string;
  method: string;
  target: string;
  form?: HTMLFormElement;
  output?: HTMLElement;
  fields?: Field[];
}
