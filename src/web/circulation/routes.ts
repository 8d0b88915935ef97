/** The patron's circulation record and renewals; the counter's check-out, check-in and payments. */
import { Router } from 'express';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import type { CounterCirculationService } from '../../services/circulation/counter-circulation-service.js';
import type { FinePaymentService } from '../../services/circulation/fine-payment-service.js';
import type { CounterService } from '../../services/patrons/counter-service.js';
import type { WebKit } from '../http/web-kit.js';
import { createCirculationController } from './circulation-controller.js';
import { counterLocation } from './counter-location.js';
import { createRenewalController } from './renewal-controller.js';
import { createStaffCirculationController } from './staff-circulation-controller.js';
import { createStaffPaymentController } from './staff-payment-controller.js';

export function circulationRoutes(
  deps: {
    circulation: CirculationService;
    counterCirculation: CounterCirculationService;
    payments: FinePaymentService;
    counter: CounterService;
  },
  web: WebKit,
): Router {
  const { circulation, counterCirculation, counter } = deps;
  const record = createCirculationController({ circulation });
  const renewal = createRenewalController({ circulation });
  const desk = createStaffCirculationController({
    counterCirculation,
    counter,
    circulation,
    // Which counter this browser is at, for check-ins (a cookie: see counter-location.ts).
    place: counterLocation({
      counters: counterCirculation.counters,
      counterByCode: counterCirculation.counterByCode,
      production: web.config.production,
    }),
  });
  const payments = createStaffPaymentController({ payments: deps.payments, counter, circulation });

  const router = Router();
  const { service } = web.guards;
  router.get('/myrecord/circulation', ...service, record.show);
  router.get('/myrecord/requests/:id/cancel', ...service, record.confirmCancel);
  router.post('/myrecord/requests/:id/cancel', ...service, record.cancelRequest);
  router.get('/myrecord/renew', ...service, renewal.show);
  router.post('/myrecord/renew', ...service, renewal.submit);

  const circulationDesk = web.guards.role('circulation');
  router.post('/staff/patrons/:barcode/payment', ...circulationDesk, payments.record);
  router.get('/staff/patrons/:barcode/payments/:id', ...circulationDesk, payments.showReceipt);
  router.get('/staff/circulation', ...circulationDesk, desk.show);
  router.get('/staff/circulation/slip', ...circulationDesk, desk.slip);
  router.post('/staff/checkout', ...circulationDesk, desk.checkOut);
  router.post('/staff/checkin', ...circulationDesk, desk.checkIn);
  router.post('/staff/checkins/clear', ...circulationDesk, desk.clearCheckIns);
  router.post('/staff/counter', ...circulationDesk, desk.chooseCounter);
  return router;
}
