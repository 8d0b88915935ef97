/**
 * Every route of the portal, in one place (interfaces.md "Pages, forms and answers").
 * Pages behind the login pass `patron`; the services also need a PIN the patron chose.
 */
import { Router, type RequestHandler } from 'express';
import type { createLoginController } from './controllers/login-controller.js';
import type { createLogoutController } from './controllers/logout-controller.js';
import type { createHomeController } from './controllers/home-controller.js';
import type { createPinModifyController } from './controllers/pin-modify-controller.js';
import { requireChosenPin } from './middleware/require-patron.js';

export interface Controllers {
  login: ReturnType<typeof createLoginController>;
  logout: ReturnType<typeof createLogoutController>;
  home: ReturnType<typeof createHomeController>;
  pinModify: ReturnType<typeof createPinModifyController>;
}

export function routes(c: Controllers, patron: RequestHandler): Router {
  const router = Router();
  router.get('/', (req, res) => res.redirect(303, req.session.patronId === undefined ? '/login' : '/myrecord'));

  router.get('/login', c.login.show);
  router.post('/login', c.login.submit);
  router.post('/logout', c.logout.submit);

  router.get('/pin/modify', patron, c.pinModify.show);
  router.post('/pin/modify', patron, c.pinModify.submit);

  router.get('/myrecord', patron, requireChosenPin, c.home.show);
  return router;
}
