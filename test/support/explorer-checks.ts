import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/**
 * axe-core 4.14.1's browser build. It is evaluated through the DevTools protocol, which the
 * explorer's CSP does not govern (an injected <script> it rightly blocks), so the pages keep their
 * real CSP and watchPage still sees any violation of it.
 */
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_SOURCE = readFileSync(AXE_PATH, 'utf8');

/** axe-core finds no violation on the page as it is (WCAG 2.x A/AA and best practices). */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `axe at ${where}`).to.deep.equal([]);
}

/**
 * What a person sees has no JSON, no status line, no media type and no API field name: only the
 * developer view shows those. Reads the visible text (innerText), form labels included.
 */
export async function expectPeoplesWords(page: Page, where: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  const jargon = [
    /\b(GET|POST|PUT|PATCH|DELETE) \/\S* →/, /→ \d{3}\b/, /\b[1-5]\d\d (OK|Created|No Content|Not Found|Unauthorized|Unprocessable)/,
    /application\/[\w.+-]+/, /[{[]\s*"[\w-]+"\s*:/, /\b_links\b|\b_embedded\b|\b_templates\b/,
    /\b(num_of_servings|cook_time|is_publish|cover_url|avatar_url|created_at|updated_at|per_page|access_token|refresh_token|edit-media)\b/,
    /\bnull\b/, /\{\?[\w,]+\}/, /\bBearer\b/,
  ];
  for (const pattern of jargon) expect(text, `${where}: ${pattern} in what a person sees`).to.not.match(pattern);
}

/** Opens the explorer pages of this browser page in the developer view (remembered per browser in localStorage). */
export async function useDeveloperView(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('smilecook.explorer.view', 'developer'));
}
