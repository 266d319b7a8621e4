import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../core/app-error.ts';

/** Served by the operations listener only (API.md §13: METRICS_PORT). */
export const METRICS_PATH = '/metrics';

const metricsPath = /^\/metrics\/?$/i;

/**
 * The public port never serves `/metrics` (API.md §13): a 404 problem whatever the `Accept` — also
 * for a browser's navigation, which elsewhere gets the explorer page — before anything else can answer.
 */
export function notOnThePublicPort(req: Request, _res: Response, next: NextFunction): void {
  if (req.path.length <= 9 && metricsPath.test(req.path)) throw new AppError('not-found', `Nothing exists at ${req.path}.`);
  next();
}
