/** Book Recommendation: the patron's recommendations, and the acquisitions staff's queue. */
import { Router } from 'express';
import type { RecommendationService } from '../../services/recommendation/recommendation-service.js';
import type { RecommendationQueueService } from '../../services/recommendation/recommendation-queue-service.js';
import type { HomeService } from '../home/home-controller.js';
import type { WebKit } from '../http/web-kit.js';
import { createRecommendationController } from './recommendation-controller.js';
import { createStaffRecommendationController } from './staff-recommendation-controller.js';

export function recommendationRoutes(
  deps: { recommendations: RecommendationService; queue: RecommendationQueueService },
  web: WebKit,
): Router {
  const patron = createRecommendationController({ recommendations: deps.recommendations });
  const staff = createStaffRecommendationController({ recommendations: deps.queue });
  const router = Router();
  const { service } = web.guards;
  router.get('/myrecord/recommendations', ...service, patron.list);
  router.get('/myrecord/recommendations/new', ...service, patron.showForm);
  router.post('/myrecord/recommendations/new', ...service, patron.submit);
  router.post('/myrecord/recommendations/:id/cancel', ...service, patron.cancel);

  const acquisitions = web.guards.role('acquisitions');
  router.get('/staff/recommendations', ...acquisitions, staff.show);
  // The ticked ones at once, to one status.
  router.post('/staff/recommendations/status', ...acquisitions, staff.changeMany);
  router.post('/staff/recommendations/:id/status', ...acquisitions, staff.changeOne);
  return router;
}

/** On the home: how many of his recommendations (made or supported) are still open. Every patron type may recommend. */
export function recommendationHome(recommendations: RecommendationService): HomeService {
  return {
    service: 'recommendations',
    summary(patron, l) {
      const open = recommendations.openCount(patron);
      return open === 0 ? l.t('home.summary.noRecommendations') : l.t('home.summary.recommendations', { count: open });
    },
    mayUse: () => true,
  };
}
