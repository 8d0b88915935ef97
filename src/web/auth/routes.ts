/** Logging in and out, for patrons and staff, and the staff's second factor. */
import { Router, type RequestHandler } from 'express';
import { createSecretBox } from '../../lib/secret-box.js';
import type { AuthService } from '../../services/auth/auth-service.js';
import type { SecondFactorService } from '../../services/auth/second-factor-service.js';
import type { StaffAuthService } from '../../services/auth/staff-auth-service.js';
import type { StaffRepo } from '../../db/staff/staff-repo.js';
import type { WebKit } from '../http/web-kit.js';
import { createLoginController } from './login-controller.js';
import { createLogoutController } from './logout-controller.js';
import { createStaffLoginController } from './staff-login-controller.js';
import { createStaffSecondFactorController } from './staff-second-factor-controller.js';

export function authRoutes(
  deps: { auth: AuthService; staffAuth: StaffAuthService; secondFactor: SecondFactorService; staff: StaffRepo },
  web: WebKit,
): Router {
  const { devices, language, clock, guards } = web;
  const login = createLoginController({ auth: deps.auth, devices, language });
  const logout = createLogoutController();
  const staffLogin = createStaffLoginController({ staffAuth: deps.staffAuth, devices, language, clock });
  const staffSecondFactor = createStaffSecondFactorController({
    secondFactor: deps.secondFactor,
    staff: deps.staff,
    clock,
    devices,
    // A key of its own, derived from APP_SECRET: the sessions table never holds a recovery code in the clear.
    codesBox: createSecretBox(web.config.appSecret, 'staff recovery codes in session'),
  });

  const router = Router();
  router.get('/login', login.show);
  router.post('/login', login.submit);
  router.post('/logout', logout.submit);

  router.get('/staff/login', staffLogin.show);
  router.post('/staff/login', staffLogin.submit);
  router.post('/staff/logout', staffLogin.logout);
  // Two-step sign-in: the second step of a login, and enrolling (by choice, or before
  // anything else when STAFF_2FA requires it); the controller checks whose session it is.
  router.get('/staff/login/2fa', staffSecondFactor.showLoginStep);
  router.post('/staff/login/2fa', staffSecondFactor.submitLoginStep);
  const staffOrHalfLoggedIn: RequestHandler = (req, res, next) =>
    req.session.staffId !== undefined ? guards.staff(req, res, next) : next();
  router.get('/staff/2fa', staffOrHalfLoggedIn, staffSecondFactor.showEnrolment);
  router.post('/staff/2fa', staffOrHalfLoggedIn, staffSecondFactor.enrol);
  router.get('/staff/2fa/recovery-codes', guards.staff, staffSecondFactor.showRecoveryCodes);
  // An administrator resets a colleague's second factor from the accounts page.
  router.post('/staff/accounts/:username/2fa/reset', ...guards.admin, staffSecondFactor.reset);
  return router;
}
