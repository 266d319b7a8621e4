import { RootResource } from '../../resources/root.resource.ts';
import { fixedPaths } from '../core/paths.ts';
import { renderContext } from '../http/context.ts';
import { sendResource } from '../http/representation.ts';
import { read, type Route } from '../http/routing.ts';

/** `GET /`, the entry point (API.md §2). */
export function rootRoutes(version: string): Route[] {
  return [read(fixedPaths.root, (req, res) => sendResource(req, res, new RootResource(renderContext(req), version)))];
}
