import { Router } from 'express';
import { RootResource, type RootForms } from '../../resources/root.resource.ts';
import { renderContext } from '../http/context.ts';
import { sendResource } from '../http/representation.ts';
import { resource } from '../http/routing.ts';

/** `GET /`, the entry point (API.md §2). */
export function rootRoutes(version: string, forms: RootForms): Router {
  const router = Router();
  resource(router, '/', {
    get: (req, res) => sendResource(req, res, new RootResource(renderContext(req), version, forms)),
  });
  return router;
}
