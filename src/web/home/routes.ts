/** The front door: where `/` leads, the patron's home, and the language switch every page shows. */
import { Router } from 'express';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import type { WebKit } from '../http/web-kit.js';
import { createLanguageController } from '../language/language-controller.js';
import { createHomeController, type HomeService, type ServiceSummaries } from './home-controller.js';

export function homeRoutes(deps: { circulation: CirculationService; services: readonly HomeService[] }, web: WebKit): Router {
  const summaries: ServiceSummaries = Object.fromEntries(deps.services.map((s) => [s.service, s.summary]));
  const home = createHomeController({ circulation: deps.circulation, services: summaries });
  const language = createLanguageController({ language: web.language });
  const router = Router();
  router.get('/', (req, res) =>
    res.redirect(303, req.session.staffId !== undefined ? '/staff' : req.session.patronId !== undefined ? '/myrecord' : '/login'),
  );
  // The language switch on every page, for everyone (English | 繁體中文).
  router.post('/language', language.choose);
  router.get('/myrecord', ...web.guards.service, home.show);
  return router;
}
