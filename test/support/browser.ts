import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; .ci/run installs it when it is missing (playwright cannot download browsers here). */
export const CHROMIUM = '/usr/bin/chromium';

/** Launches headless Chromium, or fails loudly: a browser test must never pass without a browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export interface PageWatch {
  /** Console errors, uncaught exceptions and CSP violations, except failed loads with an allowed status. */
  problems(allowedStatuses?: number[]): string[];
}

/** Records what went wrong in a page: console errors, page errors and CSP violations. */
export async function watchPage(page: Page): Promise<PageWatch> {
  const seen: string[] = [];
  page.on('console', (message) => {
    // A browser asks for /favicon.ico by itself on pages that name no icon (the server's HTML
    // activation pages); that is the browser's request, not a failure of the page.
    if (message.type() !== 'error' || new URL(message.location().url || 'about:blank').pathname === '/favicon.ico') return;
    seen.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return {
    problems(allowedStatuses = []) {
      return seen.filter((text) => {
        const failed = /Failed to load resource: the server responded with a status of (\d+)/.exec(text);
        return !(failed && allowedStatuses.includes(Number(failed[1])));
      });
    },
  };
}
