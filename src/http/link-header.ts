import type { Response } from 'express';

/** Appends `<uri>; rel="rel"` to the Link header, keeping what is there first. */
export function addLink(res: Response, uri: string, rel: string): void {
  const value = `<${uri}>; rel="${rel}"`;
  const existing = res.getHeader('Link');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('Link', [...list, value].join(', '));
}
