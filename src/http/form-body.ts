import express, { type Request, type Response } from 'express';

/** A browser's form POST (API.md §9: the pages of the links in emails post plain HTML forms, no script). */
const urlencoded = express.urlencoded({ extended: false, limit: 100 * 1024, inflate: false, parameterLimit: 20 });

/** Whether the request body is an HTML form's (`application/x-www-form-urlencoded`). */
export function isForm(req: Request): boolean {
  return Boolean(req.is('application/x-www-form-urlencoded'));
}

/** Reads an HTML form's fields (each a string), within the JSON body limit (100 kB). */
export function readForm(req: Request, res: Response): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    urlencoded(req, res, (error?: unknown) => (error ? reject(error) : resolve({ ...(req.body as Record<string, unknown> | undefined) })));
  });
}
