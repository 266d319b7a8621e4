import { RootResource } from '../../resources/root.resource.ts';
import { documentAffordances } from '../../resources/document.affordances.ts';
import { renderContext } from '../http/context.ts';
import { sendResource } from '../http/representation.ts';
import { on, type Route } from '../http/routing.ts';

/** `GET /`, the entry point (API.md §2). */
export function rootRoutes(version: string): Route[] {
  return [on(documentAffordances.root, (req, res) => sendResource(req, res, new RootResource(renderContext(req), version)))];
}
