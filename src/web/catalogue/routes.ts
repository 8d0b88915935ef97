/** Searching the catalogue, and Book Request: asking for a copy to be held for pickup. */
import { Router } from 'express';
import type { CatalogueService } from '../../services/catalogue/catalogue-service.js';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import type { WebKit } from '../http/web-kit.js';
import { createCatalogueController } from './catalogue-controller.js';

export function catalogueRoutes(deps: { catalogue: CatalogueService; circulation: CirculationService }, web: WebKit): Router {
  const catalogue = createCatalogueController(deps);
  const router = Router();
  const { service } = web.guards;
  router.get('/catalogue', ...service, catalogue.search);
  router.get('/catalogue/:id', ...service, catalogue.show);
  router.get('/catalogue/:id/request', ...service, catalogue.showRequest);
  router.post('/catalogue/:id/request', ...service, catalogue.request);
  return router;
}
