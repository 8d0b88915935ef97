/** The counter's patron pages: find, register, look up and edit a patron, delete his PIN, lift a block. */
import { Router } from 'express';
import type { CirculationService } from '../../services/circulation/circulation-service.js';
import type { CounterService } from '../../services/patrons/counter-service.js';
import type { WebKit } from '../http/web-kit.js';
import { createStaffHomeController } from '../staff/staff-home-controller.js';
import { createStaffConsoleController } from './staff-console-controller.js';
import { createStaffEditController } from './staff-edit-controller.js';

export function patronRoutes(deps: { counter: CounterService; circulation: CirculationService }, web: WebKit): Router {
  const desk = createStaffConsoleController(deps);
  const edit = createStaffEditController({ counter: deps.counter });
  // Every staff login lands on /staff: the patron search at the counter, else the member's work areas.
  const staffHome = createStaffHomeController({ patronSearch: desk.search });

  const router = Router();
  router.get('/staff', web.guards.staff, staffHome.show);
  const circulationDesk = web.guards.role('circulation');
  router.get('/staff/register', ...circulationDesk, desk.showRegister);
  router.post('/staff/register', ...circulationDesk, desk.register);
  router.get('/staff/patrons/:barcode', ...circulationDesk, desk.showPatron);
  router.get('/staff/patrons/:barcode/edit', ...circulationDesk, edit.show);
  router.post('/staff/patrons/:barcode/edit', ...circulationDesk, edit.submit);
  router.post('/staff/patrons/:barcode/pin/delete', ...circulationDesk, desk.deletePin);
  router.post('/staff/patrons/:barcode/block/lift', ...circulationDesk, desk.liftBlock);
  return router;
}
