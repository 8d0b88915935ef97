/** "Modify your PIN", and the way back from a forgotten PIN by an e-mailed link. */
import { Router } from 'express';
import type { PinChangeService } from '../../services/pin/pin-change-service.js';
import type { PinResetService } from '../../services/pin/pin-reset-service.js';
import type { WebKit } from '../http/web-kit.js';
import { createPinForgotController } from './pin-forgot-controller.js';
import { createPinModifyController } from './pin-modify-controller.js';

export function pinRoutes(deps: { pinChange: PinChangeService; pinReset: PinResetService }, web: WebKit): Router {
  const modify = createPinModifyController({ pinChange: deps.pinChange, minPinLength: web.config.minPinLength, devices: web.devices });
  const forgot = createPinForgotController({ pinReset: deps.pinReset });
  const router = Router();
  // Any logged-in patron, on the default PIN too: this is where he chooses his own.
  router.get('/pin/modify', web.guards.patron, modify.show);
  router.post('/pin/modify', web.guards.patron, modify.submit);
  router.get('/pin/forgot', forgot.show);
  router.post('/pin/forgot', forgot.submit);
  router.get('/pin/reset/:token', forgot.showLink);
  router.post('/pin/reset/:token', forgot.confirmLink);
  return router;
}
