/**
 * The explorer's pure modules (browser ES modules in src/explorer/static, checked there by
 * `tsc -p src/explorer/static/jsconfig.json`), imported by URL so that this project's NodeNext
 * type check does not read them as its own; their shapes are restated here.
 */
const at = (name: string) => new URL(`../../src/explorer/static/${name}`, import.meta.url).href;

export interface Field {
  name: string; label: string; control: string; inputType: string; required: boolean; value: string; prefilled: boolean;
  numeric: boolean; integer: boolean; min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string;
  choices?: { value: string; label: string }[]; multiple: boolean; hint: string | null; autocomplete: string; secret: boolean;
}
type Read = (name: string) => string | boolean | string[] | undefined;

export const uriTemplate: {
  templateVariables(template: string): string[];
  expandTemplate(template: string, values: Record<string, unknown>): string;
} = await import(at('explorer-uri-template.js'));

export const formModel: {
  fieldsOf(name: string, template: unknown): Field[];
  choicesOf(property: unknown): { value: string; label: string }[] | undefined;
  bodyOf(fields: Field[], read: Read): Record<string, unknown>;
  queryOf(fields: Field[], read: Read): [string, string][];
} = await import(at('explorer-form-model.js'));

export const format: {
  humanize(key: string): string;
  formatValue(value: unknown, locale?: string): string | null;
  formatDateTime(iso: string, locale?: string, timeZone?: string): string;
  isDateTime(value: unknown): boolean;
  relabelError(detail: string, name: string, label: string): string;
  statusWords(status: number): { title: string; next: string };
  successWords(done: { method: string; status: number; name: string; title?: string; label?: string | null; created?: string | null }): string;
} = await import(at('explorer-format.js'));
