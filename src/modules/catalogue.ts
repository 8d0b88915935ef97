/** The catalogue: searching it, a record's page, Book Request, and the CSV import of records. */
import type { RequestRepo } from '../db/circulation/request-repo.js';
import { createCatalogueService } from '../services/catalogue/catalogue-service.js';
import type { CirculationService } from '../services/circulation/circulation-service.js';
import { catalogueRoutes } from '../web/catalogue/routes.js';
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

export function catalogueModule(k: Kernel, given: { requests: RequestRepo; circulation: CirculationService }) {
  const catalogue = createCatalogueService({ db: k.db, catalogue: k.catalogue, requests: given.requests });
  const area: Area = { routes: (web) => catalogueRoutes({ catalogue, circulation: given.circulation }, web) };
  return { area, services: { catalogue } };
}
