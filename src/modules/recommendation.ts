/** Book Recommendation: patrons recommend a book for the library to buy, or support one already recommended. */
import { createRecommendationRepo } from '../db/recommendation/recommendation-repo.js';
import type { RequestRepo } from '../db/circulation/request-repo.js';
import type { CirculationService } from '../services/circulation/circulation-service.js';
import { createRecommendationService } from '../services/recommendation/recommendation-service.js';
import { createRecommendationQueueService } from '../services/recommendation/recommendation-queue-service.js';
import { recommendationHome, recommendationRoutes } from '../web/recommendation/routes.js';
import type { Area } from './area.js';
import type { Kernel } from './kernel.js';

export function recommendationModule(k: Kernel, given: { requests: RequestRepo; circulation: CirculationService }) {
  const repo = createRecommendationRepo(k.db);
  const recommendations = createRecommendationService({
    db: k.db,
    recommendations: repo,
    catalogue: k.catalogue,
    requests: given.requests,
    history: k.history,
    clock: k.clock,
  });
  // The acquisitions staff's side: the queue, statuses, and for a bought book the supporters' mails and requests.
  const queue = createRecommendationQueueService({
    db: k.db,
    recommendations: repo,
    catalogue: k.catalogue,
    requests: given.requests,
    patrons: k.patrons,
    history: k.history,
    audit: k.audit,
    notices: k.notices,
    // A bought book is requested for its supporters by circulation's own rules.
    placeRequest: given.circulation.placeRequest,
    clock: k.clock,
    publicUrl: k.config.publicUrl,
  });
  const area: Area = {
    routes: (web) => recommendationRoutes({ recommendations, queue }, web),
    home: recommendationHome(recommendations),
  };
  return { area, services: { recommendations, recommendationQueue: queue }, repos: { recommendations: repo } };
}
