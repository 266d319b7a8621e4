import type { Request, Response } from 'express';
import { AppError } from '../core/app-error.ts';
import { HTML, negotiate } from '../http/negotiate.ts';

/**
 * The HTML faces of the links in emails (activation, password reset, email confirmation: API.md §9):
 * a browser gets a page, every other client the HAL or problem+json answer.
 */
export function wantsHtml(req: Request): boolean {
  return negotiate(req.get('Accept'), true) === HTML;
}

/** A page of one of those links: holds a secret (the token in its URI), so never stored. */
export function sendHtml(res: Response, html: string, status = 200): void {
  res.setHeader('Cache-Control', 'no-store');
  res.vary('Accept');
  res.status(status).type('text/html; charset=utf-8').send(html);
}

/**
 * Runs the work; when it fails with a problem that `explain` turns into a page and a browser asks,
 * that page is the answer (same status as the problem), and the result is undefined. Every other
 * client gets the problem+json.
 */
export async function orExplainInHtml<T>(
  req: Request, res: Response, work: () => Promise<T>, explain: (error: AppError) => string | undefined | Promise<string | undefined>,
): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    const page = error instanceof AppError && wantsHtml(req) ? await explain(error) : undefined;
    if (page === undefined) throw error;
    sendHtml(res, page, (error as AppError).status);
    return undefined;
  }
}
